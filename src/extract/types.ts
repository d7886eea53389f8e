// The result of `asakit extract`: the text (valid ASA syntax with `!` banners), the JSON form
// (CLI.md: {interfaces, accessGroups, accessLists, nat, objectGroups, objects, omitted}) and the
// sections, which the portal diffs day by day.

export interface ExtractLine {
  /** 1-based line number in the source configuration */
  line: number;
  text: string;
}

export interface ExtractBlock {
  name: string;
  type?: string;
  lines: ExtractLine[];
}

export type SectionId =
  | 'header'
  | 'interfaces'
  | 'names'
  | 'objects'
  | 'object-groups'
  | 'time-ranges'
  | 'access-lists'
  | 'access-groups'
  | 'nat'
  | 'footer';

export interface ExtractSection {
  id: SectionId;
  title: string;
  /** the printed lines of the section (without its banner) */
  lines: string[];
}

export interface ExtractJson {
  source: string;
  hostname?: string;
  version?: string;
  writtenBy?: string;
  generatedAt: string;
  interfaces: {
    nameif: string;
    hw: string;
    securityLevel?: number;
    address?: string;
    mask?: string;
  }[];
  accessGroups: (ExtractLine & { acl: string; direction: string; interface?: string })[];
  accessLists: ExtractBlock[];
  nat: (ExtractLine & {
    form: 'twice' | 'object' | 'legacy';
    object?: string;
    lines?: ExtractLine[];
  })[];
  objectGroups: ExtractBlock[];
  objects: ExtractBlock[];
  /** counts (never names) of what was left out, by reason */
  omitted: Record<string, number>;
}

export interface ExtractResult {
  text: string;
  json: ExtractJson;
  sections: ExtractSection[];
  /** notes for stderr (e.g. an interface without access-group) */
  notes: string[];
}

export interface ExtractOptions {
  /** include the global ACL's entries that fall inside the customer's address space */
  includeGlobal?: boolean;
  /** the generation time printed in the footer (default: now) */
  now?: Date;
}
