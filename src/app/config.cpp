// app/config.cpp — precedence: flag > MANDATE_* environment > YAML file > default.
#include "app/config.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cstdlib>

#include "core/errors.hpp"

namespace mandate::app {
namespace {

std::string env_name(const std::string& name) {
  std::string out = "MANDATE_";
  for (char c : name) {
    out.push_back(c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

void assign(Setting& s, const std::string& value, const std::string& source) {
  if (s.text) {
    *s.text = value;
    return;
  }
  long long v = 0;
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  bool ok = ec == std::errc() && p == value.data() + value.size();
  if (s.port) {
    if (!ok || v < 0 || v > 65535) {
      throw SystemError(s.name + " (from " + source + ") must be a port number 0-65535, got \"" +
                        value + "\"");
    }
    *s.port = static_cast<std::uint16_t>(v);
  } else if (s.number) {
    if (!ok || v < 1 || v > 1'000'000) {
      throw SystemError(s.name + " (from " + source + ") must be a positive whole number, got \"" +
                        value + "\"");
    }
    *s.number = static_cast<int>(v);
  }
}

}  // namespace

std::vector<Setting> settings(Config& c) {
  return {
      {"db", "database: sqlite:PATH or postgresql://…", &c.db, nullptr, nullptr},
      {"address", "listen address", &c.address, nullptr, nullptr},
      {"port", "listen port (0: any free port)", nullptr, &c.port, nullptr},
      {"io_threads", "HTTP I/O threads", nullptr, nullptr, &c.io_threads},
      {"workers", "worker threads for request handling and database work", nullptr, nullptr,
       &c.workers},
      {"tls_cert", "PEM certificate chain for native TLS", &c.tls_cert, nullptr, nullptr},
      {"tls_key", "PEM private key for native TLS", &c.tls_key, nullptr, nullptr},
      {"key_file", "instance signing key (created by mandate init)", &c.key_file, nullptr,
       nullptr},
      {"instance_name", "name in checkpoint origins", &c.instance_name, nullptr, nullptr},
      {"log_level", "trace, debug, info, warn, error", &c.log_level, nullptr, nullptr},
      {"checkpoint_interval_s", "seconds between signed checkpoints", nullptr, nullptr,
       &c.checkpoint_interval_s},
  };
}

void resolve(Config& c, const std::map<std::string, std::string>& from_flags,
             const std::optional<std::string>& config_file) {
  YAML::Node file;
  std::optional<std::string> path = config_file;
  if (!path) {
    if (const char* p = std::getenv("MANDATE_CONFIG")) {
      path = p;
    }
  }
  if (path) {
    try {
      file = YAML::LoadFile(*path);
    } catch (const std::exception& e) {
      throw SystemError("cannot read config file " + *path + ": " + e.what());
    }
    if (!file.IsMap() && !file.IsNull()) {
      throw SystemError("config file " + *path + " must be a map of `name: value` lines");
    }
  }
  auto all = settings(c);
  if (file.IsMap()) {
    for (auto it = file.begin(); it != file.end(); ++it) {
      auto key = it->first.as<std::string>();
      bool known = false;
      for (auto& s : all) {
        known = known || s.name == key;
      }
      if (!known) {
        throw SystemError("config file " + *path + ": unknown setting \"" + key + "\"");
      }
    }
  }
  for (auto& s : all) {
    if (auto f = from_flags.find(s.name); f != from_flags.end()) {
      assign(s, f->second, "--" + s.name);
    } else if (const char* e = std::getenv(env_name(s.name).c_str())) {
      assign(s, e, env_name(s.name));
    } else if (file.IsMap() && file[s.name]) {
      assign(s, file[s.name].as<std::string>(), *path);
    }
  }
}

}  // namespace mandate::app
