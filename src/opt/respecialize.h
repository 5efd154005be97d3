/* respecialize.h — tier 1's specialisers run for a hot side exit's live
 * operands, before a bridge is projected from it (respecialize.c). */
#ifndef KRAIT_OPT_RESPECIALIZE_H
#define KRAIT_OPT_RESPECIALIZE_H

#include <stdbool.h>

#include "../vm/frame.h"

/* Specialise the tier-1 instruction at instr (in f's code) for the
 * operands on the stack ending at sp, as tier 1's ADAPT would. True when
 * it now holds a specialised form (whose guards those operands pass). */
bool tier2_respecialize(Frame *f, CodeUnit *instr, Value *sp);

#endif
