/* mg_file.c — opening a file that production needs to be root's alone: the folders, then the descriptor. */
#include "i18n/mg_file.h"
#include "i18n/mg_rc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Copy the refused file or folder p to where (when asked). */
static void file_where(char *where, size_t wcap, const char *p)
{
	if (where && wcap)
		snprintf(where, wcap, "%s", p);
}

/* The production rule for a file or folder: root's, writable by no one else. */
static int file_root_only(const struct stat *sb)
{
	return sb->st_uid == 0 && !(sb->st_mode & (S_IWGRP | S_IWOTH));
}

/*
 * Check every folder of the resolved absolute path real, from "/" down to
 * the file's folder: a real folder (lstat), file_root_only. A sticky
 * world-writable folder (/tmp) is refused as well. Returns 0, MG_EPERM
 * (folder in where) or MG_EIO (errno says why).
 */
static int file_folders(const char *real, char *where, size_t wcap)
{
	char dir[PATH_MAX];
	size_t len = strlen(real);
	struct stat sb;

	if (real[0] != '/' || len >= sizeof dir) {
		errno = EINVAL;
		return MG_EIO;
	}
	for (size_t i = 0; i < len; i++) {
		size_t n = i ? i : 1;   /* "/" itself, then each "/a/b" prefix */

		if (real[i] != '/')
			continue;
		memcpy(dir, real, n);
		dir[n] = '\0';
		if (lstat(dir, &sb) != 0)
			return MG_EIO;
		if (!S_ISDIR(sb.st_mode) || !file_root_only(&sb)) {
			file_where(where, wcap, dir);
			return MG_EPERM;
		}
	}
	return 0;
}

int mg_file_open(const char *path, unsigned flags, FILE **out, char *real, char *where,
                 size_t wcap)
{
	char own[PATH_MAX];
	struct stat sb;
	int fd = -1, rc = 0, verdict, e;
	int keep = (flags & MG_FILE_KEEP) != 0;

	*out = NULL;
	if (where && wcap)
		where[0] = '\0';
	if (!real)
		real = own;
	if (!(flags & MG_FILE_GUARDED)) {
		snprintf(real, PATH_MAX, "%s", path);
		*out = fopen(path, "re");
		return *out ? 0 : MG_EIO;
	}
	if (!realpath(path, real))
		return errno == ENOMEM ? MG_ENOMEM : MG_EIO;
	verdict = file_folders(real, where, wcap);
	if (verdict == MG_EIO || (verdict != 0 && !keep))
		return verdict;
	/* O_NONBLOCK: a FIFO put there cannot hang the open; no effect on a regular file */
	fd = open(real, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 && errno == ELOOP) {
		if (verdict == 0)
			file_where(where, wcap, real);   /* made a link after realpath */
		rc = MG_EPERM;
		goto out;
	}
	if (fd < 0) {
		rc = MG_EIO;
		goto out;
	}
	if (fstat(fd, &sb) != 0) {
		rc = MG_EIO;
		goto out;
	}
	if (verdict == 0 && (!S_ISREG(sb.st_mode) || !file_root_only(&sb))) {
		file_where(where, wcap, real);
		verdict = MG_EPERM;
	}
	if (verdict != 0 && !keep) {
		rc = verdict;
		goto out;
	}
	*out = fdopen(fd, "r");
	if (!*out) {
		rc = MG_ENOMEM;
		goto out;
	}
	fd = -1;   /* now the stream's */
	rc = verdict;
out:
	if (fd >= 0) {
		e = errno;
		close(fd);
		errno = e;
	}
	return rc;
}
