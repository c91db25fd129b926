import { Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** The search in force (e.g. from the URL); the box follows it when it changes. */
  value: string | undefined;
  /** The trimmed text, or undefined when blank: on Enter, the button, or clearing the box. */
  onSearch: (q: string | undefined) => void;
  placeholder: string;
  width?: number;
  testId?: string;
}

/** A list's search box: typing edits the text, searching applies it. */
export function SearchInput({ value, onSearch, placeholder, width = 320, testId }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <Input.Search
      allowClear
      value={text}
      onChange={(e) => setText(e.target.value)}
      onSearch={(q) => onSearch(q.trim() || undefined)}
      placeholder={placeholder}
      enterButton={t('app.search')}
      style={{ width, maxWidth: '100%' }}
      data-testid={testId}
    />
  );
}
