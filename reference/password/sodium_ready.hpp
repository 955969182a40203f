#pragma once
// libsodium must be initialised before any of its functions runs (randombytes_buf included:
// its generator is set up by sodium_init). Every unit that calls libsodium calls this first,
// rather than relying on another object having done so earlier.
namespace authprobe::password {

// sodium_init() exactly once, thread-safe; false when libsodium cannot start.
[[nodiscard]] bool sodium_ready();

// sodium_ready(), or std::runtime_error: for constructors and generators that cannot go on
// without randomness and have no error channel.
void require_sodium();

}  // namespace authprobe::password
