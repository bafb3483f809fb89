/*
 * mg_file.h — opening a file that production needs to be root's alone.
 *
 * Files that decide how a production terminal behaves (the card trust store
 * and its certificates, the configuration) must be root's and writable by no
 * one else, and so must every folder above them, or any user could swap or
 * edit them. The check runs on the descriptor that is then read (fstat, no
 * stat-then-open) and on the folders of the resolved path before the file is
 * opened. Shared by card/ and app/, so it lives with the other project-wide
 * helpers in i18n/ (ARCHITECTURE.md §1).
 */
#ifndef MG_FILE_H
#define MG_FILE_H

#include <stddef.h>
#include <stdio.h>

/* mg_file_open flags */
#define MG_FILE_GUARDED 1u   /* production: resolve, check the folders and the file */
#define MG_FILE_KEEP    2u   /* with MG_FILE_GUARDED: a refused file is still opened and handed back */

/*
 * mg_file_open — open path for reading (close-on-exec). OUT: *out (returns
 * new: fclose; NULL unless said otherwise below).
 *
 * flags 0: plain fopen(path), no owner or mode check; real receives path.
 *
 * MG_FILE_GUARDED: path is resolved (realpath) into real, and every folder
 * from "/" down to the file's own one must be a folder (lstat: not a
 * symbolic link) owned by uid 0 without group or other write permission
 * (S_IWGRP|S_IWOTH; the sticky bit does not excuse it, so /tmp and /var/tmp
 * are refused). Then the resolved path is opened without following a final
 * link (O_NOFOLLOW; O_NONBLOCK so that a FIFO cannot hang the open) and the
 * opened descriptor must be a regular file owned by uid 0 without group or
 * other write permission (fstat). The first refused folder or file (the
 * resolved name) goes to where.
 *
 * MG_FILE_GUARDED|MG_FILE_KEEP: the same checks, but on a refusal the file
 * is opened anyway and handed back in *out with MG_EPERM, so the caller can
 * read it and decide what the refusal means (the configuration refuses only
 * a production one). *out is NULL even then when the file could not be
 * opened (a final link appeared after resolving: refused; a missing or
 * unreadable file: MG_EIO as without the flag). A refused FIFO is handed
 * back non-blocking (reading it gives end of file or an error, never a hang).
 *
 * real: PATH_MAX bytes, or NULL (not wanted). where: wcap bytes, may be NULL;
 * "" unless MG_EPERM. Other flags are ignored.
 * Returns 0, MG_EPERM (refused; where names the file or folder), MG_EIO
 * (missing, unreadable, not resolvable; errno says why) or MG_ENOMEM.
 * Blocks on file-system calls.
 */
int mg_file_open(const char *path, unsigned flags, FILE **out, char *real, char *where,
                 size_t wcap);

#endif
