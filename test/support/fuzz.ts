// Seeds and run counts of the fast-check properties: fixed by default, so CI is reproducible;
// ASAKIT_FUZZ_SEED (added to every seed) and ASAKIT_FUZZ_SCALE (multiplies every run count)
// widen a local bug hunt (see the README's Tests section).
const SHIFT = Number(process.env['ASAKIT_FUZZ_SEED'] ?? 0) || 0;
const SCALE = Number(process.env['ASAKIT_FUZZ_SCALE'] ?? 1) || 1;

/** fast-check's seed and numRuns for a property whose fixed values are these */
export function fuzz(seed: number, numRuns: number): { seed: number; numRuns: number } {
  return { seed: seed + SHIFT, numRuns: Math.max(1, Math.round(numRuns * SCALE)) };
}

/** Inputs fuzz runs with new seeds found, kept as regression cases by the tests that failed. */
export const FUZZ_FINDS = {
  /**
   * An indented line whose first word looks like a prompt (a command: a prompt is one only at
   * indentation 0), then the prompt itself with the same word; the block index took the prompt
   * for a command, and an extract's header run overlapped the next block (an internal error).
   */
  indentedPromptLike: [
    '    fw01# show running-config',
    'fw01# show running-config',
    ': Written by enable_15 at 10:00:00.000 UTC Mon Jan 1 2024',
    'hostname fw01',
    'enable password ***** pbkdf2',
    'interface GigabitEthernet0/2',
    ' nameif NAT64',
  ].join('\n'),
  /**
   * An interface whose nameif a later nameif replaces (lines moved under another interface). The
   * model dropped the first name, the reference graph kept it defined: the audit did not report
   * the NAT rule's reference to it as undefined, but the extract for `outside`, which keeps that
   * rule and has no stub of a name the model no longer has, did (the extract was not
   * self-contained by the audit's own measure).
   */
  replacedNameif: [
    'hostname fw01',
    'interface GigabitEthernet0/1',
    ' nameif outside',
    'interface GigabitEthernet0/0',
    ' nameif inside',
    ' nameif other',
    'object network web',
    ' host 10.0.0.10',
    ' nat (inside,outside) static 192.0.2.10',
  ].join('\n'),
  /**
   * The same, where another interface line still names the replaced nameif (a re-indented,
   * duplicated paste: grammar fixture nat.cfg, mutated). The model dropped the name although the
   * graph still defined it by the other line: an extract named `inside` in its NAT rule without
   * printing the interface, undefined in the extract alone.
   */
  replacedNameifNamedElsewhere: [
    'hostname fw01',
    'interface GigabitEthernet0/1',
    ' nameif outside',
    'interface GigabitEthernet0/0',
    ' nameif inside',
    'interface GigabitEthernet0/0',
    ' nameif inside',
    ' nameif other',
    'object network web',
    ' host 10.0.0.10',
    ' nat (inside,outside) static 192.0.2.10',
  ].join('\n'),
  /**
   * A twice NAT rule on any interface written in capitals (a mutated corpus configuration: seed
   * 9644 of the extract/load property). The parser takes keywords in any case; the extract's seed
   * filter looked for the word `nat` as written, so the extract from the blocks missed the rule
   * that the extract from the whole configuration printed.
   */
  upperCaseNatOnAny: [
    'hostname fw01',
    'interface GigabitEthernet0/0',
    ' nameif inside',
    'interface GigabitEthernet0/1',
    ' nameif outside',
    'object network real',
    ' host 10.1.1.1',
    'object network mapped',
    ' host 192.0.2.1',
    'nat (inside,outside) source static real mapped',
    'NAT source static real mapped',
  ].join('\n'),
  /**
   * Robustness fuzz, seeds 2072 and 16323 (fwbuilder__asa8.3-acl.cfg, its first lines
   * duplicated): `interface Vlan1` opened twice, its blocks indented by one blank and by two. The
   * extract printed both blocks' lines under one `interface` line, so the first block's line took
   * the second block's `nameif` as its child, and the extract lost its own interface.
   */
  reopenedInterfaceIndentedOtherwise: [
    'interface Vlan1',
    ' Saved',
    'interface Vlan1',
    '  nameif inside',
    '  security-level 100',
    '  ip address 192.168.1.1 255.255.255.0',
    'access-list inside_in extended permit ip any any',
    'access-group inside_in in interface inside',
  ].join('\n'),
};
