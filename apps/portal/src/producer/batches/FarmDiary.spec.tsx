import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../common/api/client';
import type { Batch } from './batch-data';
import { nowInVietnam } from './diary-events';
import { FarmDiary } from './FarmDiary';
import type { TraceEvent } from './journey';

const batch = {
  batchId: '5b0c3b8e-8f7d-4c1e-9a43-0d6f1f7a2b11',
  lot: 'BX02',
  unit: 'KGM',
  status: 'open',
  digitalLink: 'http://127.0.0.1:3006/t/ABC123/BX02',
} as Batch;

const daysAgo = (n: number) => {
  const { date } = nowInVietnam(new Date(Date.now() - n * 86_400_000));
  return date;
};

function renderDiary(events: TraceEvent[] = []) {
  const client = new QueryClient();
  return render(
    <QueryClientProvider client={client}>
      <FarmDiary batch={batch} events={events} />
    </QueryClientProvider>,
  );
}

const answered = () =>
  Promise.resolve({
    data: { eventID: 'urn:uuid:x', stored: true },
    response: new Response('{}', { status: 201 }),
  });

describe('the farm diary', () => {
  beforeEach(() => {
    vi.restoreAllMocks();
  });

  it('records a pesticide application as one event with the dose and the pre-harvest interval', async () => {
    const post = vi.spyOn(api, 'POST').mockImplementation(answered as never);
    renderDiary();
    fireEvent.click(screen.getByText('Bón phân, phun thuốc'));
    fireEvent.change(screen.getByLabelText('Tên thương mại'), { target: { value: 'Anvil 5SC' } });
    fireEvent.change(screen.getByLabelText('Liều lượng'), { target: { value: '20' } });
    fireEvent.change(screen.getByLabelText('Thời gian cách ly (ngày)'), { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ghi nhật ký' }));
    await waitFor(() => expect(post).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    const [path, init] = post.mock.calls[0] as unknown as [string, { body: Record<string, unknown> }];
    expect(path).toBe('/api/traceability/events');
    expect(init.body).toMatchObject({
      type: 'ObjectEvent',
      eventTimeZoneOffset: '+07:00',
      quantityList: [{ epcClass: batch.digitalLink }],
      'ocop:inputKind': 'pesticide',
      'ocop:inputName': 'Anvil 5SC',
      'ocop:dose': 20,
      'ocop:doseUnit': 'ml/16l',
      'ocop:preHarvestIntervalDays': 7,
    });
    expect(String(init.body['eventTime'])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+07:00$/);
  });

  it('refuses a shipment inside a pesticide’s pre-harvest interval, under the date, and sends nothing', async () => {
    const post = vi.spyOn(api, 'POST').mockImplementation(answered as never);
    renderDiary([
      {
        type: 'ObjectEvent',
        eventID: 'urn:uuid:a',
        eventTime: `${daysAgo(1)}T07:00:00+07:00`,
        'ocop:inputKind': 'pesticide',
        'ocop:inputName': 'Amistar Top 325SC',
        'ocop:preHarvestIntervalDays': 7,
      },
    ]);
    fireEvent.click(screen.getByText('Xuất hàng'));
    fireEvent.change(screen.getByLabelText('Số lượng'), { target: { value: '100' } });
    fireEvent.change(screen.getByLabelText('Giao cho ai'), { target: { value: 'Co.opmart Bến Tre' } });
    fireEvent.change(screen.getByLabelText('Giao đến đâu'), { target: { value: 'Phường An Hội' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ghi nhật ký' }));
    expect(
      await screen.findByText(/Chưa hết thời gian cách ly của Amistar Top 325SC/, {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(post).not.toHaveBeenCalled();
  });

  it('shows the service’s problem under the field it names', async () => {
    const post = vi.spyOn(api, 'POST').mockImplementation((() =>
      Promise.resolve({
        error: {
          code: 'invalid-epcis-event',
          title: 'Sự kiện EPCIS không hợp lệ / Invalid EPCIS event',
          errors: [{ field: 'quantityList[0].quantity', message: 'phải là số dương / must be positive' }],
        },
        response: new Response('{}', { status: 400 }),
      })) as never);
    renderDiary();
    fireEvent.change(screen.getByLabelText('Số lượng'), { target: { value: '460' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ghi nhật ký' }));
    await waitFor(() => expect(post).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    expect(await screen.findByText('phải là số dương', {}, { timeout: 10_000 })).toBeInTheDocument();
  });
});
