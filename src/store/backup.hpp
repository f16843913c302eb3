// store/backup.hpp
// Online backup of the embedded SQLite database (the SQLite backup API: a consistent copy while
// the server keeps running) and an integrity check of a database file. PostgreSQL deployments
// back up with pg_dump; the CLI prints the command.
#pragma once
#include <string>

namespace mandate::store {

// Copies the SQLite database at `src_path` into a new file `dest_path` (must not exist).
// Throws StoreError (unreadable source, existing destination, disk full).
void sqlite_backup(const std::string& src_path, const std::string& dest_path);

// Runs PRAGMA integrity_check on a SQLite file; returns "ok" or SQLite's first complaint.
std::string sqlite_integrity_check(const std::string& path);

// The path part of a "sqlite:PATH" URL (or a bare *.db path); empty for other URLs.
std::string sqlite_path_of(const std::string& url);

}  // namespace mandate::store
