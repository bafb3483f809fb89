/*
 * db_vfs.h — the VFS that db_open() uses: SQLite's default one, with the WAL
 * frames of a transaction gathered into one write() (db_vfs.c).
 */
#ifndef DB_VFS_H
#define DB_VFS_H

#include <sqlite3.h>

/* Register the VFS once per process and return its name for
 * sqlite3_open_v2(); NULL if it could not be set up (use the default). */
const char *db_vfs_name(void);

/*
 * db_vfs_register — register another instance of the shim, named name,
 * over the VFS base (db_vfs_name does it once over the default VFS). Both
 * must stay valid for the life of the process. Not a default VFS. Returns
 * SQLITE_OK, SQLITE_MISUSE (base lacks version 2's calls) or SQLITE_NOMEM.
 */
int db_vfs_register(const char *name, sqlite3_vfs *base);

/*
 * The file control, on a connection's "main" database file, that lets the
 * frames of its WAL be gathered (*(int *)arg = 1) or stops it (0). Only for
 * a connection whose synchronous level has been set to FULL or EXTRA: its
 * commits sync the WAL before they publish. A later `PRAGMA synchronous`
 * below FULL stops it again. The value is far from SQLite's own opcodes;
 * on another VFS the call returns SQLITE_NOTFOUND and changes nothing.
 */
#define DB_VFS_FCNTL_GATHER 0x4d470001

/* The file control that tells whether the frames of a connection's WAL are
 * gathered: *(int *)arg = 1 or 0. SQLITE_NOTFOUND on another VFS. */
#define DB_VFS_FCNTL_GATHERING 0x4d470002

#endif
