// Configuration precedence: flag > MANDATE_* environment > YAML file > default.
#include "app/config.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "core/errors.hpp"
#include "support/temp_dir.hpp"

namespace mandate::app {
namespace {

class ConfigTest : public ::testing::Test {
 protected:
  void TearDown() override {
    for (const char* v : {"MANDATE_PORT", "MANDATE_DB", "MANDATE_CONFIG", "MANDATE_WORKERS"}) {
      ::unsetenv(v);
    }
  }
  std::string write(const std::string& text) {
    std::string path = dir_.file("mandate.yaml");
    std::ofstream(path) << text;
    return path;
  }
  test::TempDir dir_;
};

TEST_F(ConfigTest, DefaultsWhenNothingIsGiven) {
  Config c;
  resolve(c, {}, std::nullopt);
  EXPECT_EQ(c.address, "127.0.0.1");
  EXPECT_EQ(c.port, 8080);
  EXPECT_EQ(c.db, "sqlite:var/mandate.db");
}

TEST_F(ConfigTest, FlagBeatsEnvironmentBeatsFileBeatsDefault) {
  auto file = write("port: 7000\ndb: sqlite:file.db\nworkers: 3\ninstance_name: acme\n");
  ::setenv("MANDATE_PORT", "7100", 1);
  ::setenv("MANDATE_DB", "sqlite:env.db", 1);
  Config c;
  resolve(c, {{"port", "7200"}}, file);
  EXPECT_EQ(c.port, 7200);           // flag
  EXPECT_EQ(c.db, "sqlite:env.db");  // environment
  EXPECT_EQ(c.workers, 3);           // file
  EXPECT_EQ(c.instance_name, "acme");
  EXPECT_EQ(c.address, "127.0.0.1");  // default
}

TEST_F(ConfigTest, ConfigFileFromTheEnvironment) {
  ::setenv("MANDATE_CONFIG", write("port: 7300\n").c_str(), 1);
  Config c;
  resolve(c, {}, std::nullopt);
  EXPECT_EQ(c.port, 7300);
}

TEST_F(ConfigTest, BadValuesNameTheSettingAndTheSource) {
  Config c;
  try {
    resolve(c, {{"port", "99999"}}, std::nullopt);
    FAIL() << "accepted port 99999";
  } catch (const SystemError& e) {
    EXPECT_NE(std::string(e.what()).find("port (from --port)"), std::string::npos) << e.what();
  }
  ::setenv("MANDATE_WORKERS", "zero", 1);
  EXPECT_THROW(resolve(c, {}, std::nullopt), SystemError);
  ::unsetenv("MANDATE_WORKERS");
  EXPECT_THROW(resolve(c, {}, write("prot: 1\n")), SystemError);  // unknown key
  EXPECT_THROW(resolve(c, {}, dir_.file("missing.yaml")), SystemError);
}

}  // namespace
}  // namespace mandate::app
