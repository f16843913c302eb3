// areas/common/signature.hpp
// Electronic signatures shared by every area (policy approval, review sign-off, minutes sign-off,
// addenda): a person signs in a session by re-entering the password (step-up); API tokens cannot
// sign. The signature record holds the printed name, the role held when signing, the UTC time,
// the meaning ("Approved as top management") and the hash of what was signed.
#pragma once
#include <string>
#include <string_view>

#include "areas/common/caller.hpp"

namespace mandate::areas {

// What a signature needs from the edge: the password re-asked, and the session it is asked in.
struct SignatureAuth {
  std::string password;
  std::string session_id_hash;  // empty for API tokens: then Errc::forbidden (a person signs)
  std::string ip;
};

// Errc::forbidden when the caller is an API token or has no session ("<what> is an electronic
// signature: sign in as a person."). Cheap; call it before opening a transaction.
Status check_signer(const Caller& by, const SignatureAuth& auth, std::string_view what);

// Re-asks the password (accounts::step_up). Run it outside the area's write transaction: a wrong
// password records the failed attempt (throttling) and nothing else. Errc::unauthorized with field
// "password" ("Your password was not accepted: nothing was signed."), Errc::too_many when
// throttled.
Status verify_signature_password(const Env& env, const Caller& by, const SignatureAuth& auth);

}  // namespace mandate::areas
