#include "reference/password/sodium_ready.hpp"

#include <stdexcept>

#include <sodium.h>

namespace authprobe::password {

bool sodium_ready() {
  // sodium_init returns 0 on first success, 1 when already initialised, -1 on failure; a
  // function-local static makes the first call the only one, whatever the threads.
  static const bool ready = sodium_init() >= 0;
  return ready;
}

void require_sodium() {
  if (!sodium_ready()) throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace authprobe::password
