// areas/common/signature.cpp — the signer checks every area's electronic signatures share.
#include "areas/common/signature.hpp"

#include "areas/accounts/service.hpp"

namespace mandate::areas {

Status check_signer(const Caller& by, const SignatureAuth& auth, std::string_view what) {
  if (by.token || auth.session_id_hash.empty() || !by.user) {
    return fail(Errc::forbidden,
                std::string(what) + " is an electronic signature: sign in as a person.");
  }
  return {};
}

Status verify_signature_password(const Env& env, const Caller& by, const SignatureAuth& auth) {
  auto r = accounts::step_up(env, auth.session_id_hash, by.user, auth.password, auth.ip);
  if (r) {
    return {};
  }
  if (r.error().code == Errc::too_many) {
    return r.error();
  }
  Error e = r.error();
  e.code = Errc::unauthorized;
  e.message = "Your password was not accepted: nothing was signed.";
  e.fields["password"] = "is not right";
  return e;
}

}  // namespace mandate::areas
