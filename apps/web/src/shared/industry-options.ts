import { industryTree, type IndustryNode } from '@lianrong/matching/registration';

// GB/T 4754-2017 as picker options, built once: the firm's registration picks a class
// from it, a bank product any level of it.

export interface IndustryOption {
  value: string;
  /** "C34 通用设备制造业": the code is what officers and firms quote. */
  label: string;
  children?: IndustryOption[];
}

function toOptions(nodes: readonly IndustryNode[]): IndustryOption[] {
  return nodes.map((n) => ({
    value: n.code,
    label: `${n.code} ${n.name}`,
    children: n.children ? toOptions(n.children) : undefined,
  }));
}

let options: IndustryOption[] | undefined;

export function industryOptions(): IndustryOption[] {
  options ??= toOptions(industryTree());
  return options;
}
