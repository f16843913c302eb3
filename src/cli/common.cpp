// cli/common.cpp — shared helpers for commands: open the database, read secrets.
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/command.hpp"
#include "core/errors.hpp"

namespace mandate::cli {

std::unique_ptr<store::Database> open_db(const app::Config& c, bool migrate) {
  store::Options o;
  o.migrate = migrate;
  o.read_connections = std::max(2, c.workers);
  return store::Database::open(c.db, o);
}

namespace {
std::string read_line_noecho(const std::string& prompt) {
  std::cerr << prompt << std::flush;
  termios old{};
  bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  return line;
}
}  // namespace

std::string read_secret(const char* env, const std::string& prompt, bool confirm) {
  if (const char* v = std::getenv(env)) {
    return v;
  }
  if (!isatty(STDIN_FILENO)) {
    throw SystemError(std::string("no terminal to ask for the password: set ") + env);
  }
  std::string first = read_line_noecho(prompt + ": ");
  if (confirm && read_line_noecho("Again: ") != first) {
    throw SystemError("the two passwords differ");
  }
  return first;
}

}  // namespace mandate::cli
