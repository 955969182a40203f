// Fixture of independence.include_root_hides_reference: compiled with the conformance libraries'
// include root only, the first include resolves and the second must not.
#include "conformance/http_constants.hpp"
#include "reference/core/result.hpp"
