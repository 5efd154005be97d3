/* spec_stats.c — -X specialization-stats: counts kept while the program
 * runs and a per-family report printed to stderr at exit.
 *
 * Executions are counted per opcode by the eval loop (a dispatch table
 * whose entries count first, so the loop costs nothing when stats are
 * off). Per family: specialisations made, failures by reason, guard misses
 * (a specialised form fell back to the generic body), and
 * de-optimisations (a specialised instruction turned back into the generic
 * one after repeated misses). */
#include <stdio.h>
#include <stdlib.h>

#include "specialize_impl.h"

bool spec_stats_enabled;
uint64_t spec_exec_count[256];

typedef struct FamilyStats {
    uint64_t made, respecialized, failed, misses, deopts;
    uint64_t reasons[SPEC_FAIL_COUNT];
} FamilyStats;

static FamilyStats family_stats[OPCODE_BASE_COUNT];

static const char *const failure_text[SPEC_FAIL_COUNT] = {
#define SPEC_FAIL_TEXT(name, text) text,
    SPEC_FAILURES(SPEC_FAIL_TEXT)
#undef SPEC_FAIL_TEXT
};

void spec_stats_deopt(int family) { family_stats[family].misses++; }

void spec_stats_specialized(int family, bool was_specialized) {
    if (!spec_stats_enabled) return;
    family_stats[family].made++;
    if (was_specialized) family_stats[family].respecialized++;
}

void spec_stats_failed(int family, SpecFailure why, bool was_specialized) {
    if (!spec_stats_enabled) return;
    family_stats[family].failed++;
    family_stats[family].reasons[why]++;
    if (was_specialized) family_stats[family].deopts++;
}

/* Executions of every member of the family (generic + specialised). */
static uint64_t family_executions(int family, uint64_t *specialized) {
    uint64_t total = 0;
    *specialized = 0;
    for (int op = 0; op < OPCODE_COUNT; op++) {
        if (opcode_family[op] != family) continue;
        total += spec_exec_count[op];
        if (op != family) *specialized += spec_exec_count[op];
    }
    return total;
}

static void report_family(int family) {
    FamilyStats *s = &family_stats[family];
    uint64_t specialized, total = family_executions(family, &specialized);
    if (total == 0 && s->made == 0 && s->failed == 0) return;
    fprintf(stderr, "%s: executions %llu (specialised %.1f%%), specialisations %llu, "
                    "failures %llu, guard misses %llu, de-optimisations %llu\n",
            opcode_names[family], (unsigned long long)total,
            total ? 100.0 * (double)specialized / (double)total : 0.0,
            (unsigned long long)s->made, (unsigned long long)s->failed,
            (unsigned long long)s->misses, (unsigned long long)s->deopts);
    for (int op = OPCODE_BASE_COUNT; op < OPCODE_COUNT; op++)
        if (opcode_family[op] == family && spec_exec_count[op])
            fprintf(stderr, "    %-32s %llu\n", opcode_names[op],
                    (unsigned long long)spec_exec_count[op]);
    for (int r = 0; r < SPEC_FAIL_COUNT; r++)
        if (s->reasons[r])
            fprintf(stderr, "    failure: %s: %llu\n", failure_text[r],
                    (unsigned long long)s->reasons[r]);
}

static void report(void) {
    fflush(stdout);
    fprintf(stderr, "Specialization stats:\n");
    for (int family = 0; family < OPCODE_BASE_COUNT; family++)
        if (opcode_cache_units[family] > 0) report_family(family);
}

void specialize_stats_enable(void) {
    if (spec_stats_enabled) return;
    spec_stats_enabled = true;
    atexit(report);
}
