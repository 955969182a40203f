#include "reference/server/server_log.hpp"

#include <iostream>
#include <mutex>
#include <string>

namespace authprobe::server {

LogSink stderr_log() {
  return [](std::string_view message) {
    static std::mutex mutex;
    const std::lock_guard lock(mutex);
    std::cerr << "authprobe: " << message << '\n';
  };
}

}  // namespace authprobe::server
