#include "conformance/command_output.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

extern char** environ;

namespace authprobe::conformance {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t read_chunk = 4096;

class Fd {
public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  [[nodiscard]] int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

private:
  int fd_;
};

constexpr std::chrono::milliseconds exit_poll{10};

// Waits for the child; kills it first when `kill_first`. Returns the wait status.
int reap(pid_t child, bool kill_first) {
  if (kill_first) ::kill(child, SIGKILL);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

// A child that closed its stdout may still run: wait for it until the deadline, then kill it.
tl::expected<int, std::string> reap_by(pid_t child, Clock::time_point deadline) {
  int status = 0;
  while (Clock::now() < deadline) {
    const pid_t done = ::waitpid(child, &status, WNOHANG);
    if (done == child) return status;
    if (done < 0 && errno != EINTR) return tl::unexpected(std::string("waitpid: ") + std::strerror(errno));
    ::usleep(static_cast<useconds_t>(std::chrono::microseconds(exit_poll).count()));
  }
  reap(child, true);
  return tl::unexpected(std::string("timed out"));
}

}  // namespace

tl::expected<std::string, std::string> command_output(std::string_view command, const CommandLimits& limits) {
  std::array<int, 2> pipe_fds{-1, -1};
  if (::pipe2(pipe_fds.data(), O_CLOEXEC) != 0) return tl::unexpected(std::string("pipe: ") + std::strerror(errno));
  Fd read_end(pipe_fds[0]);
  Fd write_end(pipe_fds[1]);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, write_end.get(), STDOUT_FILENO);
  const std::string text(command);
  char shell[] = "/bin/sh";
  char dash_c[] = "-c";
  char* argv[] = {shell, dash_c, const_cast<char*>(text.c_str()), nullptr};
  pid_t child = -1;
  const int spawned = ::posix_spawn(&child, shell, &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  write_end.reset();
  if (spawned != 0) return tl::unexpected(std::string("cannot start /bin/sh: ") + std::strerror(spawned));

  std::string output;
  const auto deadline = Clock::now() + limits.timeout;
  std::array<char, read_chunk> buffer{};
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      reap(child, true);
      return tl::unexpected("timed out after " + std::to_string(limits.timeout.count()) + " ms");
    }
    pollfd waiting{read_end.get(), POLLIN, 0};
    const int ready = ::poll(&waiting, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;  // the deadline check above ends the loop
    const ssize_t got = ::read(read_end.get(), buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;  // end of output (or an error: judged by the exit status)
    output.append(buffer.data(), static_cast<std::size_t>(got));
    if (output.size() > limits.max_output_bytes) {
      reap(child, true);
      return tl::unexpected("printed more than " + std::to_string(limits.max_output_bytes) + " bytes");
    }
  }
  const auto reaped = reap_by(child, deadline);
  if (!reaped) return tl::unexpected(reaped.error());
  const int status = *reaped;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return tl::unexpected(WIFEXITED(status) ? "exited with status " + std::to_string(WEXITSTATUS(status))
                                            : std::string("ended by a signal"));
  }
  return output;
}

}  // namespace authprobe::conformance
