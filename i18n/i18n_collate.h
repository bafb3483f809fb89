/*
 * i18n_collate.h — sorting by reading with the ICU ja collator.
 */
#ifndef I18N_COLLATE_H
#define I18N_COLLATE_H

/* i18n_collate_cmp — compare two readings with the ICU ja collator (<0, 0, >0). */
int i18n_collate_cmp(const char *a, const char *b);


/* i18n_collate_fini — close the cached collator. */
void i18n_collate_fini(void);

#endif
