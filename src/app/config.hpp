// app/config.hpp
// Instance configuration. Every setting comes from, in order of precedence: a command-line
// flag, an environment variable MANDATE_<NAME> (e.g. MANDATE_DB, MANDATE_PORT), a YAML config
// file (--config or MANDATE_CONFIG; flat `name: value` keys), then the default below.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mandate::app {

struct Config {
  std::string db = "sqlite:var/mandate.db";
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;
  int io_threads = 1;
  int workers = 4;
  std::string tls_cert;
  std::string tls_key;
  std::string key_file = "var/instance.key";
  std::string instance_name = "mandate";
  std::string log_level = "info";
  int checkpoint_interval_s = 300;
};

// One configurable setting: its name (flag "--name" with '_' as '-', env MANDATE_NAME, YAML key
// name) and a pointer to the field it sets.
struct Setting {
  std::string name;
  std::string help;
  std::string* text = nullptr;
  std::uint16_t* port = nullptr;
  int* number = nullptr;
};
std::vector<Setting> settings(Config& c);

// Applies environment variables and the config file to the settings not given as flags
// (`from_flags` holds the names given on the command line). Throws SystemError with a clear
// one-line message for an unreadable file or a bad value (naming the setting and its source).
void resolve(Config& c, const std::map<std::string, std::string>& from_flags,
             const std::optional<std::string>& config_file);

}  // namespace mandate::app
