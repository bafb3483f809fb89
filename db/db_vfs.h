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

#endif
