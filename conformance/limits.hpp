#pragma once
// What the suite will spend on one target. Everything it reads comes from a server nobody here
// controls (a half-finished app, a broken proxy, a server written to attack the tester), so every
// read is bounded in bytes and every wait in time. A request that hits one of these ends as a
// transport failure naming the limit; the check reports ERROR unless the catalog gives the
// behaviour a verdict of its own. ProbeSettings takes its defaults from here (tests may shrink
// them; the CLI does not change them).
#include <chrono>
#include <cstddef>
#include <string_view>

namespace authprobe::conformance::limits {

// The status line and header fields of one response. Servers refuse request heads past 8-16 KiB
// (nginx large_client_header_buffers, Node's --max-http-header-size) and send a few hundred bytes
// themselves; 64 KiB is four times the largest of those. A 1 MiB header line or 100,000 fields
// stop here instead of filling memory.
inline constexpr std::size_t max_head_bytes = 64U * 1024U;
inline constexpr std::string_view max_head_bytes_name = "max_head_bytes";

// Header fields in one response. Real servers send under 40; Apache refuses requests with more
// than 100 (LimitRequestFields). Each field becomes a copy in the evidence of every report.
inline constexpr std::size_t max_header_fields = 256;
inline constexpr std::string_view max_header_fields_name = "max_header_fields";

// The body of one response. The largest body a check reads is a JWKS, a metadata document or an
// error page, a few KiB; 1 MiB leaves room for a framework's verbose debug page. An endless or
// huge body (or a gzip bomb: the suite sends no Accept-Encoding and never decompresses) stops here.
inline constexpr std::size_t max_body_bytes = 1024U * 1024U;
inline constexpr std::string_view max_body_bytes_name = "max_body_bytes";

// Everything read for one response on the wire: head, body and chunked framing (a body of
// one-byte chunks costs five wire bytes per body byte; past this the framing is itself abuse).
inline constexpr std::size_t max_wire_bytes_per_response = max_head_bytes + 4U * max_body_bytes;

// The bytes of a body the suite searches with std::regex for leaked stack traces, paths and SQL
// (HTTP-13, V1). libstdc++'s regex recurses per character: unbounded, a hostile body costs
// minutes and can exhaust the stack. The same 2 KiB the evidence excerpt keeps.
inline constexpr std::size_t leak_scan_bytes = 2048;

// Connecting (TCP, then TLS) to the target. Loopback and LAN targets connect in milliseconds.
inline constexpr std::chrono::milliseconds connect_time{3000};

// One request, from connect to the last byte of the response, whatever the target trickles. A
// password hash at a high cost answers in under a second; the slowest deliberate delay a check
// provokes (a throttled login) is a few seconds.
inline constexpr std::chrono::milliseconds request_time{10000};
inline constexpr std::string_view request_time_name = "request_time";

// One check, from its first request to its last: later requests fail at once. The slowest checks
// against the reference server take a few seconds (HASH-08's 64 concurrent logins); --slow timing
// checks against a slow hash stay well inside.
inline constexpr std::chrono::milliseconds check_time{120000};
inline constexpr std::string_view check_time_name = "check_time";

// Time the whole run may spend in requests that got no complete answer before request_time. A
// target that accepts connections and never answers (or trickles) would otherwise cost
// request_time on every request of every check; after this budget every later request fails at
// once and the remaining checks end as ERROR naming it.
inline constexpr std::chrono::milliseconds run_stall_time{30000};
inline constexpr std::string_view run_stall_time_name = "run_stall_time";

// The whole run. A default run against the reference server takes well under a minute; this only
// ends a run that keeps getting slow answers just inside request_time.
inline constexpr std::chrono::milliseconds run_time{30 * 60 * 1000};
inline constexpr std::string_view run_time_name = "run_time";

}  // namespace authprobe::conformance::limits
