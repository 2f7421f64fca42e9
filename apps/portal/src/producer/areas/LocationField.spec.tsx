import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { LocationField, type SiteLocation } from './LocationField';

function renderField(kind: 'growing-area' | 'packing-house') {
  const onChange = vi.fn<(value: SiteLocation) => void>();
  // No gateway here: the tile setting fails to load and the map falls back to no background, as without tiles.
  globalThis.fetch = vi.fn(() => Promise.reject(new Error('offline'))) as typeof fetch;
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <LocationField kind={kind} onChange={onChange} />
    </QueryClientProvider>,
  );
  return onChange;
}

describe('LocationField', () => {
  it('refuses a typed point with latitude and longitude swapped, then takes it the right way round', async () => {
    const user = userEvent.setup();
    const onChange = renderField('packing-house');
    await user.type(screen.getByLabelText('Vĩ độ'), '106,3756');
    await user.type(screen.getByLabelText('Kinh độ'), '10,2415');
    await user.click(screen.getByRole('button', { name: 'Dùng điểm này' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Vĩ độ từ -90 đến 90');
    expect(onChange).not.toHaveBeenCalled();

    await user.clear(screen.getByLabelText('Vĩ độ'));
    await user.type(screen.getByLabelText('Vĩ độ'), '10,2415');
    await user.clear(screen.getByLabelText('Kinh độ'));
    await user.type(screen.getByLabelText('Kinh độ'), '106,3756');
    await user.click(screen.getByRole('button', { name: 'Dùng điểm này' }));
    expect(onChange).toHaveBeenLastCalledWith({ point: { type: 'Point', coordinates: [106.3756, 10.2415] } });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says why an uploaded path is refused, and keeps nothing from it', async () => {
    const user = userEvent.setup();
    const onChange = renderField('growing-area');
    await user.click(screen.getByText('Tải tệp lên'));
    const path = new File(
      [
        JSON.stringify({
          type: 'LineString',
          coordinates: [
            [106.37, 10.24],
            [106.38, 10.25],
          ],
        }),
      ],
      'duong-di.geojson',
      { type: 'application/geo+json' },
    );
    await user.upload(document.querySelector('input[type=file]') as HTMLInputElement, path);
    expect(await screen.findByRole('alert')).toHaveTextContent('Tệp chứa LineString, không phải một vùng');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('takes a packing house as one point: a boundary file is refused', async () => {
    const user = userEvent.setup();
    const onChange = renderField('packing-house');
    await user.click(screen.getByText('Tải tệp lên'));
    const ring = [
      [106.37, 10.24],
      [106.38, 10.24],
      [106.38, 10.25],
      [106.37, 10.24],
    ];
    const file = new File([JSON.stringify({ type: 'Polygon', coordinates: [ring] })], 'nha.geojson');
    await user.upload(document.querySelector('input[type=file]') as HTMLInputElement, file);
    expect(await screen.findByRole('alert')).toHaveTextContent('Cơ sở đóng gói khai một điểm');
    expect(onChange).not.toHaveBeenCalled();
  });
});
