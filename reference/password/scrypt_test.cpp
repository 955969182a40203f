// scrypt in libsodium's $7$ format.
// Vectors: libsodium test/default/pwhash_scrypt.c, tv3 (Frank Denis, ISC licence).
#include <catch2/catch.hpp>

#include <string>

#include "reference/password/password_hash.hpp"
#include "reference/password/schemes.hpp"
#include "reference/password/testing/password_test_helpers.hpp"

using namespace authprobe::password;
using namespace authprobe::password::testing;

namespace {
// libsodium's floor is memlimit 16 MiB, i.e. N = 2^14 with r = 8: raw-format tests only.
constexpr std::uint32_t cheapest_log2_n = 14;
}  // namespace

TEST_CASE("libsodium's scrypt $7$ vectors verify and reject a changed password", "[unit]") {
  struct Vector {
    std::string password;
    std::string hash;
  };
  const Vector vectors[] = {
      {"j4BS38Asa;p)[K+9TY!3YDj<LK-`nLVXQw9%*QfM",
       "$7$B6....1....5Ods8mojVwXJq4AywF/uI9BdMSiJ/zT8hQP/4cB68VC$nk4ExHNXJ802froj51/1wJTrSZvTIyyK7PecOxRRaz0"},
      {"Y0!?iQa9M%5ekffW(`",
       "$7$A6....1....TrXs5Zk6s8sWHpQgWDIXTR8kUU3s6Jc3s.DtdS8M2i4$a4ik5hGDN7foMuHOW.cp.CtX01UyCeO0.JAG.AHPpx5"},
      {"2vj;Um]FKOL27oam(:Uo8+UmSTvb1FD*h?jk_,S=;RDgF-$Fjk?]9yvfxe@fN^!NN(Cuml?+2Raa",
       "$7$86....I....7XwIxLtCx4VphmFeUa6OGuGJrFaIaYzDiLNu/tyUPhD$U3q5GCEqCWxMwh.YQHDJrlg7FIZgViv9pcXE3h1vg61"},
  };
  for (const auto& v : vectors) {
    INFO(v.hash);
    CHECK(identify(v.hash) == Algorithm::scrypt);
    CHECK(verified(verify_password(v.password, v.hash)));
    const auto changed = verify_password(v.password + "x", v.hash);
    REQUIRE(changed.has_value());
    CHECK_FALSE(*changed);
  }
}

TEST_CASE("scrypt parameters are decoded from the $7$ string", "[unit]") {
  // 'B' is 13 in the crypt alphabet; r "6...." is 8; p "1...." is 3.
  const auto params = detail::scrypt_params(
      "$7$B6....1....5Ods8mojVwXJq4AywF/uI9BdMSiJ/zT8hQP/4cB68VC$nk4ExHNXJ802froj51/1wJTrSZvTIyyK7PecOxRRaz0");
  REQUIRE(params.has_value());
  CHECK(params->log2_n == 13);
  CHECK(params->r == 8);
  CHECK(params->p == 3);
}

TEST_CASE("scrypt round-trips with N = 2^k, r = 8, p = 1 and a fresh salt each time", "[unit]") {
  const std::string with_nul("pa\0ss", 5);
  const auto first = detail::scrypt_hash(with_nul, cheapest_log2_n);
  const auto second = detail::scrypt_hash(with_nul, cheapest_log2_n);
  REQUIRE(first.has_value());
  REQUIRE(second.has_value());
  CHECK(*first != *second);
  const auto params = detail::scrypt_params(*first);
  REQUIRE(params.has_value());
  CHECK(params->log2_n == cheapest_log2_n);
  CHECK(params->r == 8);
  CHECK(params->p == 1);
  CHECK(verified(verify_password(with_nul, *first)));
  CHECK_FALSE(verified(verify_password("pa", *first)));
}

TEST_CASE("Malformed and foreign $7$ strings are error values", "[unit]") {
  const char* malformed[] = {
      "$7$",
      "$7$A6....1",
      "$7$A6....1....TrXs5Zk6s8sWHpQgWDIXTR8kUU3s6Jc3s.DtdS8M2i4$",
      "$7$A6....1....$TrXs5Zk6s8sWHpQgWDIXTR8kUU3s6Jc3s.DtdS8M2i4a4ik5hGDN7foMuHOW.cp.CtX01UyCeO0.JAG.AHPpx5",
      "$7$.6....1....TrXs5Zk6s8sWHpQgWDIXTR8kUU3s6Jc3s.DtdS8M2i4$a4ik5hGDN7foMuHOW.cp.CtX01UyCeO0.JAG.AHPpx5",
      "$7$A.....1....TrXs5Zk6s8sWHpQgWDIXTR8kUU3s6Jc3s.DtdS8M2i4$a4ik5hGDN7foMuHOW.cp.CtX01UyCeO0.JAG.AHPpx5",
      "$7$!6....1....TrXs5Zk6s8sWHpQgWDIXTR8kUU3s6Jc3s.DtdS8M2i4$a4ik5hGDN7foMuHOW.cp.CtX01UyCeO0.JAG.AHPpx5",
      // Colin Percival's short-salt spelling: valid scrypt, but not libsodium's string format.
      "$7$C6..../....SodiumChloride$kBGj9fHznVYFQMEn/qDCfrDevf9YDtcDdKvEqHJLV8D",
  };
  for (const char* hash : malformed) {
    INFO(hash);
    CHECK(code_of(verify_password("Y0!?iQa9M%5ekffW(`", hash)) == code(PasswordErrc::malformed_hash));
  }
}
