import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from './directives-api.ts';
import {
  attachmentProblem, bytesToBase64, concernsBody, deadlineBody, leadsTask, meetingBody, snippetParts, taskFieldOf, unescapeHtml,
} from './directives-view.ts';

describe('search snippets', () => {
  it('marks only what sits between <mark> and </mark>', () => {
    expect(snippetParts('Xây dựng <mark>kế hoạch</mark> quản lý <mark>nhà trọ</mark>.')).toEqual([
      { text: 'Xây dựng ', mark: false },
      { text: 'kế hoạch', mark: true },
      { text: ' quản lý ', mark: false },
      { text: 'nhà trọ', mark: true },
      { text: '.', mark: false },
    ]);
  });

  it('keeps any other markup as plain text, for React to escape', () => {
    const parts = snippetParts('<script>alert(1)</script> <mark><b>x</b></mark> <img src=x onerror=alert(1)>');
    expect(parts).toEqual([
      { text: '<script>alert(1)</script> ', mark: false },
      { text: '<b>x</b>', mark: true },
      { text: ' <img src=x onerror=alert(1)>', mark: false },
    ]);
    expect(snippetParts('an unclosed <mark>match')).toEqual([{ text: 'an unclosed <mark>match', mark: false }]);
  });

  it('undoes the server\'s escapes inside and outside the marks, so an escaped tag stays text', () => {
    expect(snippetParts('Sở &#60;b&#62;TT&amp;TT&#60;/b&#62; &#34;<mark>nhà &#39;trọ&#39;</mark>&#34; &lt;mark&gt;x&lt;/mark&gt;')).toEqual([
      { text: 'Sở <b>TT&TT</b> "', mark: false },
      { text: "nhà 'trọ'", mark: true },
      { text: '" <mark>x</mark>', mark: false },
    ]);
    expect(unescapeHtml('&#x1F600; &bogus; &#0; & alone')).toBe('😀 &bogus; &#0; & alone');
    expect(snippetParts('')).toEqual([]);
  });
});

describe('task form bodies', () => {
  it('builds each kind of deadline, and nothing while a needed field is blank', () => {
    expect(deadlineBody({ deadlineKind: 'date', dueOn: '2021-11-25' })).toEqual({ kind: 'date', dueOn: '2021-11-25' });
    expect(deadlineBody({ deadlineKind: 'daily', from: '2021-06-01' })).toEqual({ kind: 'daily', from: '2021-06-01', until: null });
    expect(deadlineBody({ deadlineKind: 'weekly', weekday: 5, from: '2021-06-01', until: '2021-07-31' })).toEqual({
      kind: 'weekly', weekday: 5, from: '2021-06-01', until: '2021-07-31',
    });
    expect(deadlineBody({ deadlineKind: 'date' })).toBeUndefined();
    expect(deadlineBody({ deadlineKind: 'weekly', from: '2021-06-01' })).toBeUndefined();
  });

  it('shows the server issues under the fields that hold them', () => {
    expect(taskFieldOf('leadAgencyId', 'date')).toBe('leadAgencyId');
    expect(taskFieldOf('supportAgencyIds.1', 'date')).toBe('supportAgencyIds');
    expect(taskFieldOf('deadline.dueOn', 'date')).toBe('dueOn');
    expect(taskFieldOf('deadline.until', 'daily')).toBe('until');
    expect(taskFieldOf('deadline', 'date')).toBe('dueOn');
    expect(taskFieldOf('deadline', 'weekly')).toBe('from');
    expect(taskFieldOf('concerns.ref', 'date')).toBe('concernRef');
    expect(taskFieldOf('itemId', 'date')).toBeUndefined();
  });

  it('links what a task concerns only when both kind and ref are given', () => {
    expect(concernsBody('commune', '07210')).toEqual({ kind: 'commune', ref: '07210' });
    expect(concernsBody('cluster', 12)).toEqual({ kind: 'cluster', ref: '12' });
    expect(concernsBody(undefined, 12)).toBeUndefined();
    expect(concernsBody('zone', undefined)).toBeUndefined();
  });

  it('trims a meeting and leaves out blank attendees and conclusions, keeping their order', () => {
    expect(
      meetingBody({ heldOn: '2021-06-10', title: ' Giao ban ', chair: ' Chủ tịch ', attendees: [' Sở Y tế ', ''], noticeNo: ' ', items: [' Một ', '', undefined, 'Hai'] }),
    ).toEqual({ heldOn: '2021-06-10', title: 'Giao ban', chair: 'Chủ tịch', attendees: ['Sở Y tế'], items: ['Một', 'Hai'] });
    expect(meetingBody({ heldOn: '2021-06-10', title: 'a', chair: 'b', noticeNo: '12/TB-UBND' }).noticeNo).toBe('12/TB-UBND');
  });
});

describe('report attachments', () => {
  it('accepts up to three files of up to 5 MB', () => {
    expect(attachmentProblem([])).toBeNull();
    expect(attachmentProblem([{ name: 'a.pdf', size: MAX_ATTACHMENT_BYTES }, { name: 'b.jpg', size: 10 }, { name: 'c.docx', size: 1 }])).toBeNull();
  });

  it('refuses a fourth file, a file over 5 MB and an empty file, naming it', () => {
    const four = ['a', 'b', 'c', 'd'].map((name) => ({ name, size: 1 }));
    expect(attachmentProblem(four)).toEqual({ kind: 'tooMany', max: 3 });
    expect(attachmentProblem([{ name: 'scan.pdf', size: MAX_ATTACHMENT_BYTES + 1 }])).toEqual({ kind: 'tooBig', name: 'scan.pdf', maxMb: 5 });
    expect(attachmentProblem([{ name: 'blank.txt', size: 0 }])).toEqual({ kind: 'empty', name: 'blank.txt' });
  });

  it('encodes bytes as base64, also past one chunk', () => {
    expect(bytesToBase64(new TextEncoder().encode('Báo cáo'))).toBe('QsOhbyBjw6Fv');
    const big = new Uint8Array(100_000).map((_, i) => i % 251);
    const decoded = Uint8Array.from(atob(bytesToBase64(big)), (c) => c.charCodeAt(0));
    expect(decoded).toEqual(big);
  });
});

describe('who reports on a task', () => {
  it('is an officer of its lead agency', () => {
    const task = { leadAgency: { id: 12, name: 'Sở Y tế', shortName: 'SYT' } };
    expect(leadsTask({ scope: { kind: 'org', code: '12', name: 'Sở Y tế' } }, task)).toBe(true);
    expect(leadsTask({ scope: { kind: 'org', code: '13', name: 'Công an tỉnh' } }, task)).toBe(false);
    expect(leadsTask({ scope: { kind: 'province', code: '24', name: 'Bắc Giang' } }, task)).toBe(false);
  });
});
