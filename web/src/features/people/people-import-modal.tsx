import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { XlsxImportModal } from '../../shared/ui/xlsx-import-modal.tsx';
import { type ImportReport, peoplePaths } from './people-api.ts';

/** Known body fields get their column label; others show as the server names them. */
const FIELD_LABELS: Record<string, string> = {
  fullName: 'people.fullName',
  sex: 'people.sex',
  dateOfBirth: 'people.dateOfBirth',
  nationalId: 'people.nationalId',
  phone: 'people.phone',
  communeCode: 'people.commune',
  districtCode: 'people.district',
  addressDetail: 'people.addressDetail',
};

interface Props {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}

/** A register from an .xlsx file; rows matching someone already registered are skipped. */
export function PeopleImportModal(props: Props) {
  const { t } = useTranslation();
  return (
    <XlsxImportModal<ImportReport>
      {...props}
      importUrl={peoplePaths.import}
      texts={{
        title: t('people.importer.title'),
        hint: t('people.importer.hint'),
        checkedOk: (total) => t('people.importer.checkedOk', { total }),
        confirm: (total) => t('people.importer.confirm', { total }),
        done: (created) => t('people.importer.done', { created }),
      }}
      fieldLabel={(f) => (FIELD_LABELS[f] ? t(FIELD_LABELS[f] as 'people.fullName') : f)}
      reportNotes={(report) =>
        report.skipped && report.skipped.length > 0 ? (
          <Alert type="info" showIcon title={t('people.importer.skipped', { count: report.skipped.length })} style={{ marginBottom: 12 }} />
        ) : null
      }
    />
  );
}
