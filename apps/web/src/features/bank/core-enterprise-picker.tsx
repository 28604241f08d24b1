import { Select, Spin } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoreEnterpriseSearch } from '../../api/supply-links';
import type { IdName } from '../../api/types';
import { useDebounced } from '../../shared/use-debounced';

interface CoreEnterprisePickerProps {
  id?: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** Names of the ids already chosen (the stored product's), shown before any search. */
  known: IdName[];
}

/** Core enterprises (链主) chosen by name from the confirmed register; the value is their firm ids. */
export function CoreEnterprisePicker({ id, value, onChange, known }: CoreEnterprisePickerProps) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const search = useCoreEnterpriseSearch(useDebounced(typed.trim()));
  // Every name seen, so a chosen tag keeps its label after the search moves on.
  const names = useRef(new Map<string, string>());
  for (const k of known) names.current.set(k.id, k.name);
  for (const firm of search.data ?? []) names.current.set(firm.id, firm.name);

  const found = (search.data ?? []).map((firm) => ({
    value: firm.id,
    label: firm.name,
    chains: firm.chains.join('、'),
  }));
  const chosen = (value ?? [])
    .filter((v) => !found.some((o) => o.value === v))
    .map((v) => ({ value: v, label: names.current.get(v) ?? v, chains: '' }));

  return (
    <Select
      id={id}
      mode="multiple"
      value={value ?? []}
      onChange={(ids: string[]) => {
        setTyped('');
        onChange?.(ids);
      }}
      options={[...chosen, ...found]}
      showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed }}
      placeholder={t('bank.coreEnterprisePlaceholder')}
      loading={search.isFetching}
      notFoundContent={search.isFetching ? <Spin size="small" /> : t('supplyLinks.noCoreFound')}
      optionRender={(option) => (
        <div style={{ whiteSpace: 'normal' }}>
          <div>{option.data.label}</div>
          {option.data.chains && (
            <div style={{ fontSize: 12, opacity: 0.65 }}>{t('supplyLinks.coreOf', { chains: option.data.chains })}</div>
          )}
        </div>
      )}
      data-testid="core-enterprise-picker"
    />
  );
}
