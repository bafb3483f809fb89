/*
 * wgt.h — what every widget shares: the flags a widget's key handler
 * returns. Widgets (screens/wgt_*.c) lay out into a cell grid
 * (screens/cells.h) with pure functions and never touch the terminal.
 */
#ifndef WGT_H
#define WGT_H

#define WGT_HANDLED 1   /* the key was used */
#define WGT_CHANGED 2   /* a value changed */
#define WGT_SUBMIT  4   /* Enter on the last field, or on a list row */
#define WGT_CLOSED  8   /* a dialog was answered (see its answer) */

#endif
