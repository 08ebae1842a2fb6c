/*
 * web_import.h — the HTML handlers of imports (web/import.c): the upload
 * form, a job's preview, report, progress and result, and its confirmation.
 */
#ifndef RRJETI_WEB_IMPORT_H
#define RRJETI_WEB_IMPORT_H

struct req;

void	web_import_form(struct req *);		/* GET /imports */
void	web_import_upload(struct req *);	/* POST /imports (multipart) */
void	web_import_view(struct req *);		/* GET /imports/{id} */
void	web_import_confirm(struct req *);	/* POST /imports/{id}/confirm */

#endif
