import { regionOfPrefix, regionPrefix, regionTree, type RegionNode } from '@lianrong/matching/registration';
import { TreeSelect } from 'antd';
import type { ReactElement } from 'react';
import { industryOptions } from '../industry-options';

// Pickers for what a loan product covers. Both store prefixes, as the matching rules
// read them: a firm qualifies when its code starts with one of them.

interface RegionOption {
  value: string;
  /** Own name in the tree (岳麓区)… */
  title: string;
  /** …and the full one on a chosen tag (湖南省长沙市岳麓区), since district names repeat. */
  label: string;
  children?: RegionOption[];
}

function regionOptions(nodes: readonly RegionNode[]): RegionOption[] {
  return nodes.map((n) => ({
    value: n.code,
    title: n.name,
    label: n.fullName,
    children: n.children ? regionOptions(n.children) : undefined,
  }));
}

let regions: RegionOption[] | undefined;

/**
 * The search input names `${id}_list` as the popup it controls, which a plain Select
 * renders and TreeSelect does not; without it a screen reader (and axe) finds the open
 * combobox pointing at nothing.
 */
const listWithId = (id: string | undefined) => (menu: ReactElement) => (id ? <div id={`${id}_list`}>{menu}</div> : menu);

interface PrefixPickerProps {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  placeholder?: string;
  'data-testid'?: string;
}

/**
 * GB/T 2260 divisions, province → city → district. Ticking every district of a city
 * stands for the city; the value is the divisions' prefixes (43 = 湖南省, 4301 = 长沙市).
 */
export function RegionPrefixPicker({ value, onChange, ...rest }: PrefixPickerProps) {
  regions ??= regionOptions(regionTree());
  // A prefix no division has (from an older product) is shown as typed and can be removed.
  const codes = (value ?? []).map((prefix) => regionOfPrefix(prefix)?.code ?? prefix);
  return (
    <TreeSelect<string[]>
      {...rest}
      treeData={regions}
      popupRender={listWithId(rest.id)}
      value={codes}
      onChange={(picked) => onChange?.((picked ?? []).map(regionPrefix))}
      treeCheckable
      showCheckedStrategy={TreeSelect.SHOW_PARENT}
      treeNodeLabelProp="label"
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      maxTagCount="responsive"
      listHeight={320}
      style={{ width: '100%' }}
    />
  );
}

/** GB/T 4754-2017 at any level: a section, division, group or class (C, C34, C342, C3421). */
export function IndustryPrefixPicker({ value, onChange, ...rest }: PrefixPickerProps) {
  return (
    <TreeSelect<string[]>
      {...rest}
      treeData={industryOptions()}
      popupRender={listWithId(rest.id)}
      fieldNames={{ label: 'label', value: 'value', children: 'children' }}
      value={value ?? []}
      onChange={(picked) => onChange?.(picked ?? [])}
      treeCheckable
      showCheckedStrategy={TreeSelect.SHOW_PARENT}
      showSearch={{ treeNodeFilterProp: 'label' }}
      allowClear
      maxTagCount="responsive"
      listHeight={320}
      style={{ width: '100%' }}
    />
  );
}
