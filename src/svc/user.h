/*
 * user.h — user accounts (svc layer): create, list, read, edit, reset the
 * password, and the user's own language. Administrators act only inside
 * their scope: a user outside it does not exist for them (SVC_NOTFOUND).
 */
#ifndef RRJETI_USER_H
#define RRJETI_USER_H

#include <stddef.h>
#include <stdint.h>

#include "svc.h"

#define USERNAME_MIN	3
#define USERNAME_MAX	32
#define FULLNAME_MAX	100

struct user_new {
	const char	*username;
	const char	*full_name;
	const char	*password;
	int		 role;		/* enum role */
	int		 scope;		/* enum scope; -1: the role's default */
	int64_t		 agency_id;	/* 0: none (sysadmin only) */
	int64_t		 team_id;	/* 0: none */
	int		 lang;		/* enum lang */
	int		 must_change;	/* must change the password at login */
	int64_t		 donor_id;	/* a donor user's donor (required for
					 * ROLE_DONOR, else 0) */
};

struct user_edit {
	int64_t		 id;
	const char	*full_name;
	int		 role;
	int		 scope;
	int64_t		 agency_id;
	int64_t		 team_id;
	int		 active;
	int64_t		 version;	/* the version the editor saw */
};

/* A user, as an actor record plus whether the account is active. */
struct user_info {
	struct actor	 a;
	int		 active;
};

/* Username: 3-32 of a-z 0-9 . _ -, starting with a letter. */
int		user_name_valid(const char *);

enum svc_rc	user_create(struct svc *, const struct user_new *, int64_t *id);
enum svc_rc	user_get(struct svc *, int64_t id, struct user_info **);
enum svc_rc	user_by_name(struct svc *, const char *username, struct user_info **);
/* Users in the actor's scope, optionally of one agency (0: all). */
enum svc_rc	user_list(struct svc *, int64_t agency_id, int limit, int offset,
		    struct user_info **, size_t *n);
/* SVC_CONFLICT when version is stale (someone saved in between). */
enum svc_rc	user_update(struct svc *, const struct user_edit *);
/* Sets a new password the user must change; ends their sessions and
 * revokes their API tokens. */
enum svc_rc	user_reset_password(struct svc *, int64_t id, const char *password);
/* Disables (active = 0) and ends sessions and tokens. */
enum svc_rc	user_disable(struct svc *, int64_t id);
enum svc_rc	user_set_lang(struct svc *, int lang);

#endif
