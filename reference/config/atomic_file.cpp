#include "reference/config/atomic_file.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace authprobe::config {
namespace {

tl::unexpected<Error> write_error(const std::filesystem::path& path, std::string_view step, int error_number) {
  return fail(ConfigErrc::cannot_write,
              path.string() + ": " + std::string(step) + ": " + std::strerror(error_number));
}

bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) {
      errno = EIO;  // write(2) made no progress on a regular file: give the caller a reason
      return false;
    }
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Closes and removes the temporary file unless release() was called.
class TempFile {
 public:
  explicit TempFile(std::string name_template) : name_(std::move(name_template)) {
    fd_ = ::mkostemp(name_.data(), O_CLOEXEC);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!released_ && fd_ != -1) ::unlink(name_.c_str());
  }
  [[nodiscard]] int fd() const { return fd_; }
  [[nodiscard]] const std::string& name() const { return name_; }
  // Closes the descriptor, reporting what close() says (NFS reports write errors only here).
  [[nodiscard]] bool close() {
    const int fd = fd_;
    fd_ = -2;  // closed, but the file still exists and must be removed on failure
    return ::close(fd) == 0;
  }
  void release() { released_ = true; }

 private:
  std::string name_;
  int fd_ = -1;
  bool released_ = false;
};

}  // namespace

Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view content, mode_t mode) {
  const std::filesystem::path directory = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  // A dot-file next to the target, so a directory listing does not show it as a users file.
  TempFile temp((directory / std::string(".").append(path.filename().string()).append(".tmp-XXXXXX")).string());
  if (temp.fd() < 0) return write_error(path, "cannot create a temporary file in " + directory.string(), errno);
  if (::fchmod(temp.fd(), mode) != 0) return write_error(path, "chmod", errno);
  if (!write_all(temp.fd(), content)) return write_error(path, "write", errno);
  if (::fsync(temp.fd()) != 0) return write_error(path, "fsync", errno);
  if (!temp.close()) return write_error(path, "close", errno);
  if (::rename(temp.name().c_str(), path.c_str()) != 0) return write_error(path, "rename", errno);
  temp.release();

  // POSIX: the rename is durable only once the directory entry is on disk.
  const int dir_fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) return write_error(path, "replaced, but cannot open the directory to fsync it", errno);
  const bool synced = ::fsync(dir_fd) == 0;
  const int sync_errno = errno;
  ::close(dir_fd);
  if (!synced) return write_error(path, "replaced, but the directory fsync failed", sync_errno);
  return {};
}

}  // namespace authprobe::config
