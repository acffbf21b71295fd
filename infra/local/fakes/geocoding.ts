/**
 * Google's Geocoding API, `GET /_local/geocoding/maps/api/geocode/json`, for a
 * few fixture places: `?address=` answers the place whose address matches
 * (case and edge spaces ignored), `?latlng=` the nearest place within 3 km,
 * both in Google's shape (`{status, results:[{formatted_address, geometry:
 * {location:{lat, lng}}}]}`), `ZERO_RESULTS` otherwise. A request without a
 * `key` is refused as Google refuses it. Tests add places with `add()`;
 * `fail()` answers 500 until `recover()`.
 */
import { ProviderApi, type FakeRequest, type FakeResponse } from './provider-api.ts';

export interface GeocodingPlace {
  /** The addresses that find it, as a user types them. */
  addresses: string[];
  lat: number;
  lng: number;
  label: string;
}

/** The places the stand-in knows (README, PenhaS section): the stand-in CEPs' streets and a few landmarks. */
export const GEOCODING_PLACES: readonly GeocodingPlace[] = [
  {
    addresses: ['01310-100 brasil', '01310-100', '01310100', 'avenida paulista', 'av. paulista'],
    lat: -23.561414,
    lng: -46.655881,
    label: 'Bela Vista, São Paulo, SP, Brasil',
  },
  {
    addresses: ['20040-002 brasil', '20040-002', '20040002', 'avenida rio branco'],
    lat: -22.903539,
    lng: -43.177566,
    label: 'Centro, Rio de Janeiro, RJ, Brasil',
  },
  { addresses: ['70040-010 brasil', '70040-010', '70040010'], lat: -15.791348, lng: -47.882913, label: 'Asa Norte, Brasília, DF, Brasil' },
  { addresses: ['r. teste', 'rua teste'], lat: -23.555995, lng: -46.662665, label: 'Cerqueira César, São Paulo, SP, Brasil' },
  { addresses: ['praça da sé', 'praca da se'], lat: -23.55052, lng: -46.633308, label: 'Sé, São Paulo, SP, Brasil' },
  { addresses: ['centro de guarulhos', 'guarulhos'], lat: -23.46278, lng: -46.53333, label: 'Centro, Guarulhos, SP, Brasil' },
  { addresses: ['centro de osasco', 'osasco'], lat: -23.53288, lng: -46.7917, label: 'Centro, Osasco, SP, Brasil' },
  { addresses: ['savassi', 'belo horizonte'], lat: -19.93722, lng: -43.93444, label: 'Savassi, Belo Horizonte, MG, Brasil' },
  { addresses: ['boa viagem', 'recife'], lat: -8.11989, lng: -34.90127, label: 'Boa Viagem, Recife, PE, Brasil' },
  { addresses: ['centro histórico de porto alegre', 'porto alegre'], lat: -30.02771, lng: -51.22873, label: 'Centro Histórico, Porto Alegre, RS, Brasil' },
  { addresses: ['pelourinho', 'salvador'], lat: -12.97161, lng: -38.50958, label: 'Pelourinho, Salvador, BA, Brasil' },
];

const NEAR_KM = 3;

function distanceKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

export class FakeGeocoding extends ProviderApi {
  private readonly places: GeocodingPlace[] = [...GEOCODING_PLACES];
  private failure: number | undefined;

  constructor() {
    super('geocoding', 'Google Geocoding API', (request) => this.answerRequest(request));
  }

  /** Makes the stand-in know one more place. */
  add(place: GeocodingPlace): void {
    this.places.unshift(place);
  }

  fail(status = 500): void {
    this.failure = status;
  }

  recover(): void {
    this.failure = undefined;
  }

  private answerRequest(request: FakeRequest): FakeResponse {
    const url = new URL(request.path, 'http://stand-in');
    if (request.method !== 'GET' || url.pathname !== '/maps/api/geocode/json') return { status: 404, body: { status: 'NOT_FOUND' } };
    if (this.failure !== undefined) return { status: this.failure, body: { status: 'UNKNOWN_ERROR', results: [] } };
    if (!url.searchParams.get('key')) return { status: 200, body: { status: 'REQUEST_DENIED', error_message: 'You must use an API key', results: [] } };
    const address = url.searchParams.get('address');
    const latlng = url.searchParams.get('latlng');
    let place: GeocodingPlace | undefined;
    if (address !== null) {
      const wanted = address.trim().toLowerCase();
      place = this.places.find((p) => p.addresses.includes(wanted));
    } else if (latlng !== null) {
      const [lat, lng] = latlng.split(',').map(Number);
      place = this.places
        .map((p) => ({ p, d: distanceKm(lat, lng, p.lat, p.lng) }))
        .filter(({ d }) => Number.isFinite(d) && d <= NEAR_KM)
        .sort((a, b) => a.d - b.d)[0]?.p;
    } else {
      return { status: 200, body: { status: 'INVALID_REQUEST', results: [] } };
    }
    if (!place) return { status: 200, body: { status: 'ZERO_RESULTS', results: [] } };
    return {
      status: 200,
      body: {
        status: 'OK',
        results: [{ formatted_address: place.label, geometry: { location: { lat: place.lat, lng: place.lng }, location_type: 'APPROXIMATE' } }],
      },
    };
  }
}
