/*
 * web_documents.h — the HTML and PDF handlers of the documents generated
 * from a case (web layer), named in app/routes_documents.inc.
 */
#ifndef RRJETI_WEB_DOCUMENTS_H
#define RRJETI_WEB_DOCUMENTS_H

struct req;
struct pdf_doc;

void	web_doc_summary(struct req *);
void	web_doc_summary_pdf(struct req *);
void	web_doc_court_report(struct req *);
void	web_doc_court_report_pdf(struct req *);

/* Lays out p and answers with it as a PDF named filename (or the error). */
void	web_pdf_answer(struct req *, struct pdf_doc *, const char *filename);

#endif
