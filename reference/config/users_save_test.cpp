#include <csignal>
#include <string>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "reference/config/testing/file_util.hpp"
#include "reference/config/testing/temp_dir.hpp"
#include "reference/config/users.hpp"

namespace {

using authprobe::config::Client;
using authprobe::config::ConfigErrc;
using authprobe::config::load_users;
using authprobe::config::save_users;
using authprobe::config::User;
using authprobe::config::UsersFile;
using authprobe::config::testing::read_text;
using authprobe::config::testing::TempDir;
using authprobe::config::testing::write_text;

UsersFile sample() {
  UsersFile file;
  file.comment = "test credentials";
  file.users.push_back(User{"alice", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", {"user"}, {"todos:read"}, false});
  file.users.push_back(User{"erin", "$2b$12$abc", {"user"}, {"todos:read"}, false});
  file.users.push_back(User{"carol", "$7$x", {}, {}, true});
  file.clients.push_back(Client{"cli", authprobe::config::sha256_hex("cli-secret"), {"password", "refresh_token"}});
  file.clients.push_back(Client{"pub", std::nullopt, {"password"}});
  return file;
}

std::size_t entries_in(const std::filesystem::path& dir) {
  std::size_t count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++count;
  return count;
}

// Restores a resource limit and signal disposition at scope exit.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    ::getrlimit(RLIMIT_FSIZE, &saved_);
    previous_handler_ = std::signal(SIGXFSZ, SIG_IGN);  // write() then fails with EFBIG
    rlimit limit = saved_;
    limit.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &limit);
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &saved_);
    std::signal(SIGXFSZ, previous_handler_);
  }

 private:
  rlimit saved_{};
  void (*previous_handler_)(int) = nullptr;
};

}  // namespace

TEST_CASE("A saved users file loads back equal, with mode 0600", "[unit]") {
  TempDir dir;
  const auto path = dir / "users.json";
  REQUIRE(save_users(sample(), path).has_value());
  auto loaded = load_users(path);
  REQUIRE(loaded.has_value());
  CHECK(*loaded == sample());

  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK(entries_in(dir.path()) == 1);  // no temporary file left behind

  // Saving again replaces the content.
  auto changed = sample();
  changed.users[0].disabled = true;
  REQUIRE(save_users(changed, path).has_value());
  CHECK(load_users(path)->users[0].disabled);
  CHECK(entries_in(dir.path()) == 1);
}

TEST_CASE("A save that fails mid-write leaves the old file byte-identical and no temp file", "[unit]") {
  TempDir dir;
  const auto path = dir / "users.json";
  REQUIRE(save_users(sample(), path).has_value());
  const std::string before = read_text(path);

  auto bigger = sample();
  bigger.comment = std::string(8192, 'x');
  {
    // A file-size limit makes write(2) fail with EFBIG, for root too (unlike permissions).
    const FileSizeLimit limit(before.size() / 2);
    auto saved = save_users(bigger, path);
    REQUIRE_FALSE(saved.has_value());
    CHECK(saved.error().code == ConfigErrc::cannot_write);
    CHECK(saved.error().detail.find(path.string()) != std::string::npos);
  }
  CHECK(read_text(path) == before);
  CHECK(entries_in(dir.path()) == 1);
}

TEST_CASE("Saving into an unwritable directory fails and leaves the old file byte-identical", "[unit]") {
  TempDir dir;
  const auto path = dir / "users.json";
  REQUIRE(save_users(sample(), path).has_value());
  const std::string before = read_text(path);
  auto changed = sample();
  changed.users.pop_back();

  SECTION("a directory without write permission") {
    std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
    if (::geteuid() == 0) {
      WARN("running as root: directory permissions are not enforced, nothing to observe here");
    } else {
      auto saved = save_users(changed, path);
      REQUIRE_FALSE(saved.has_value());
      CHECK(saved.error().code == ConfigErrc::cannot_write);
      CHECK(saved.error().detail.find(dir.path().string()) != std::string::npos);
    }
    std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_all);
  }
  SECTION("a directory that does not exist") {
    auto saved = save_users(changed, dir / "missing" / "users.json");
    REQUIRE_FALSE(saved.has_value());
    CHECK(saved.error().code == ConfigErrc::cannot_write);
  }
  SECTION("a target that cannot be renamed over (a non-empty directory)") {
    const auto blocker = dir / "blocker.json";
    std::filesystem::create_directory(blocker);
    write_text(blocker / "keep", "x");
    auto saved = save_users(changed, blocker);
    REQUIRE_FALSE(saved.has_value());
    CHECK(saved.error().detail.find("rename") != std::string::npos);
    CHECK(entries_in(dir.path()) == 2);  // users.json and blocker.json, no temp file
  }
  CHECK(read_text(path) == before);
}
