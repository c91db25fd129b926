import { useTranslation } from 'react-i18next';
import { XlsxImportModal } from '../../shared/ui/xlsx-import-modal.tsx';
import { quarantinePaths } from './quarantine-api.ts';
import { orderImportField } from './quarantine-view.ts';

interface Props {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}

/** Quarantine orders from an .xlsx file (a district's list of decisions): a row with any issue rejects the whole file. */
export function OrdersImportModal(props: Props) {
  const { t } = useTranslation();
  return (
    <XlsxImportModal
      {...props}
      importUrl={quarantinePaths.ordersImport}
      templateUrl={quarantinePaths.ordersTemplate}
      texts={{
        title: t('quarantine.importer.title'),
        hint: t('quarantine.importer.hint'),
        template: t('quarantine.importer.template'),
        checkedOk: (total) => t('quarantine.importer.checkedOk', { total }),
        confirm: (total) => t('quarantine.importer.confirm', { total }),
        done: (created) => t('quarantine.importer.done', { created }),
      }}
      fieldLabel={(f) => {
        const field = orderImportField(f);
        return field ? t(`quarantine.importer.fields.${field}`) : f;
      }}
      fieldColumnWidth={190}
      issuesBlockImport
    />
  );
}
