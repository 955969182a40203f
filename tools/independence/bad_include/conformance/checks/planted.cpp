// Fixture of independence.include_scan_catches_a_violation: includes the scan must reject.
#include "conformance/check.hpp"
#include "reference/server/reference_server.hpp"
#include "../../tools/commands/embedded_reference.hpp"
