// portchannel-failover-mac: in a failover pair, a Port-channel whose named (sub)interfaces have no
// virtual MAC (`mac-address A standby B`, on the port-channel or on the subinterface itself).
import { createHash } from 'node:crypto';
import type { Interface } from '../../model/types.js';
import { inBlock } from '../commands.js';
import type { AuditRule, Finding } from '../types.js';
import { FIX_ORDER } from './shared.js';

const REASON =
  'In an active/standby failover pair, a Port-channel interface without its own `mac-address <active> standby <standby>` takes the MAC address of its first member interface, so the address the network learns belongs to one physical unit. After a failover the member interfaces keep sending with their burned-in MACs, the switches relearn the active MAC towards the now passive unit, and traffic is dropped until the active unit speaks again. A virtual MAC pair moves with the active role.';

/** Locally administered unicast MACs (02xx...), derived from the hostname and the interface. */
function derivedMacs(hostname: string, hw: string, used: Set<string>): [string, string] {
  for (let i = 0; ; i++) {
    const h = createHash('sha256').update(`${hostname}\u0000${hw}\u0000${i}`).digest('hex');
    const active = `0200.${h.slice(0, 4)}.${h.slice(4, 7)}1`;
    const standby = `0200.${h.slice(0, 4)}.${h.slice(4, 7)}2`;
    if (!used.has(active) && !used.has(standby)) {
      used.add(active);
      used.add(standby);
      return [active, standby];
    }
  }
}

const hasVirtualMac = (i: Interface): boolean => i.macAddress?.standby !== undefined;

export const portchannelFailoverMac: AuditRule = {
  meta: {
    id: 'portchannel-failover-mac',
    severity: 'warning',
    description:
      'Port-channel interfaces in a failover pair whose named interfaces have no virtual MAC (mac-address A standby B)',
    reason: REASON,
  },
  check(ctx) {
    const c = ctx.config;
    const failover =
      c.failover.enabled ||
      c.failover.lines.some(
        (l) => l.tokens[0] === 'failover' && l.tokens[1] === 'lan' && l.tokens[2] === 'unit',
      );
    if (!failover) return [];
    const used = new Set<string>();
    for (const i of c.interfaces) {
      if (i.macAddress?.active) used.add(i.macAddress.active.toLowerCase());
      if (i.macAddress?.standby) used.add(i.macAddress.standby.toLowerCase());
    }
    const hostname = c.header.hostname ?? '';
    const findings: Finding[] = [];
    let seq = 0;
    for (const pc of c.interfaces) {
      if (!/^port-channel\d+$/i.test(pc.hw)) continue;
      if (hasVirtualMac(pc)) continue;
      const family = [
        pc,
        ...c.interfaces.filter((i) => i.hw.toLowerCase().startsWith(`${pc.hw.toLowerCase()}.`)),
      ];
      // named interfaces that use the port-channel's MAC (a subinterface may carry its own pair)
      const affected = family.filter((i) => i.nameif !== undefined && !hasVirtualMac(i));
      if (affected.length === 0) continue;
      const nameifs = affected.map((i) => i.nameif as string);
      const [active, standby] = derivedMacs(hostname, pc.hw, used);
      const partial = pc.macAddress
        ? ` (it has \`mac-address ${pc.macAddress.active}\` without a standby address)`
        : '';
      findings.push({
        rule: 'portchannel-failover-mac',
        severity: 'warning',
        subject: { kind: 'interface', name: pc.hw },
        line: pc.line.n,
        message: `${pc.hw} (nameif ${nameifs.join(', ')}) has no virtual MAC address in a failover pair${partial}`,
        reason: `${REASON} The fix sets a locally administered pair (02xx.xxxx.xxxx, derived from the hostname and the interface name so that it is stable and unique in this config); any other unused locally administered pair works as well, and it must be unique on the connected layer-2 networks. The change makes the switches relearn the MAC once: apply it in a maintenance window.`,
        fix: inBlock(pc.line, [`mac-address ${active} standby ${standby}`]),
        references: [
          ...affected
            .filter((i) => i !== pc)
            .map((i) => ({ line: i.line.n, text: i.line.raw.trim() })),
          ...c.interfaces
            .filter(
              (i) =>
                i.channelGroup !== undefined &&
                `port-channel${i.channelGroup}` === pc.hw.toLowerCase(),
            )
            .map((i) => ({ line: i.line.n, text: i.line.raw.trim() })),
        ].sort((a, b) => a.line - b.line),
        order: FIX_ORDER.portchannelFailoverMac + seq++,
      });
    }
    return findings;
  },
};
