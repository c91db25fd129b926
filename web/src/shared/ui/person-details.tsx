import { Alert, Descriptions, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';

/** What the details block shows of a person record (GET /api/people/:id, masked per role by the server). */
export interface PersonDetailsView {
  fullName: string;
  sex: 'male' | 'female' | 'other';
  dateOfBirth: string | null;
  nationalId: string | null;
  phone: string | null;
  communeName: string;
  districtName: string;
  addressDetail: string | null;
  masked: boolean;
}

/** '–' for a missing value. */
export const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '–' : v);

/** A person's record as one column of labelled values, with a note when the role sees some masked. */
export function PersonDetails({ person: p, moreItems = [] }: { person: PersonDetailsView; moreItems?: DescriptionsProps['items'] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <>
      {p.masked && <Alert type="info" showIcon title={t('people.masked')} style={{ marginBottom: 12 }} />}
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'fullName', label: t('people.fullName'), children: p.fullName },
          { key: 'sex', label: t('people.sex'), children: t(`people.sexes.${p.sex}`, { defaultValue: p.sex }) },
          { key: 'dateOfBirth', label: t('people.dateOfBirth'), children: fmt.date(p.dateOfBirth) },
          { key: 'nationalId', label: t('people.nationalId'), children: dash(p.nationalId) },
          { key: 'phone', label: t('people.phone'), children: dash(p.phone) },
          { key: 'commune', label: t('people.commune'), children: p.communeName },
          { key: 'district', label: t('people.district'), children: p.districtName },
          { key: 'addressDetail', label: t('people.addressDetail'), children: dash(p.addressDetail) },
          ...moreItems,
        ]}
      />
    </>
  );
}
