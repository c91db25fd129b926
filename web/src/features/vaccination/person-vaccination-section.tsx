import { Collapse, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { type PersonVaccination, vaccinationPaths } from './vaccination-api.ts';

/** "Tiêm chủng" in the person's record: doses with site and lot, adverse reactions. Loads (an audited read) on opening. */
export function PersonVaccinationSection({ personId }: { personId: number }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <Collapse
      data-testid="person-vaccination"
      style={{ marginTop: 16 }}
      onChange={(keys) => keys.length > 0 && setOpened(true)}
      items={[{ key: 'vaccination', label: t('vaccination.person.title'), children: opened ? <History personId={personId} /> : null }]}
    />
  );
}

function History({ personId }: { personId: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const h = useApi<PersonVaccination>(vaccinationPaths.person(personId));
  if (h.error) return <ErrorAlert error={h.error} />;
  if (!h.data) return null;
  if (h.data.doses === 0) return <Typography.Text type="secondary">{t('vaccination.person.none')}</Typography.Text>;
  return (
    <>
      <Tag color={h.data.fullyVaccinated ? 'green' : 'orange'}>{t(h.data.fullyVaccinated ? 'vaccination.person.full' : 'vaccination.person.partial')}</Tag>
      <List
        size="small"
        dataSource={h.data.items}
        renderItem={(d) => (
          <List.Item>
            <span>
              <b>{t('vaccination.person.dose', { n: d.doseNumber })}</b> — {fmt.date(d.doseDate)} — {d.productName}
              {d.siteName ? ` — ${d.siteName}` : ''}{d.lotNumber ? ` (${d.lotNumber})` : ''}
              {d.overrideReason && <Tag color="orange" style={{ marginLeft: 8 }}>{d.overrideReason}</Tag>}
              {d.adverseEvents.map((e) => <Tag key={e.id} color="red" style={{ marginLeft: 8 }}>{e.symptoms}</Tag>)}
            </span>
          </List.Item>
        )}
      />
    </>
  );
}
