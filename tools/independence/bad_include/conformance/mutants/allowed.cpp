// Fixture of independence.include_scan_catches_a_violation: mutant tests may include reference/.
#include "reference/server/reference_server.hpp"
