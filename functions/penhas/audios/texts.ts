/**
 * How the original wrote durations, sizes and times in the audio answers
 * (Penhas::Utils::time_seconds_fmt, Mojo::Util::humanize_bytes, DateTime's
 * `datetime`), and its messages.
 */

/** `0m33s`: whole minutes within the hour and seconds, as the original wrote an event's length. */
export function minutesAndSeconds(seconds: number): string {
  const whole = Math.trunc(seconds);
  return `${Math.trunc(whole / 60) % 60}m${String(whole % 60).padStart(2, '0')}s`;
}

/** `16s`: one recording's length, rounded up. */
export const roundedSeconds = (seconds: number): string => `${Math.ceil(seconds)}s`;

const roundSize = (value: number) => (value < 10 ? Math.floor(value * 10 + 0.5) / 10 : Math.floor(value + 0.5));

/** `434KiB`, `2MiB`: bytes in binary units, one decimal below ten. */
export function humanizeBytes(bytes: number): string {
  let size = Math.abs(bytes);
  const sign = bytes < 0 ? '-' : '';
  if (size < 1024) return `${sign}${size}B`;
  for (const unit of ['KiB', 'MiB', 'GiB']) {
    size /= 1024;
    if (size < 1024) return `${sign}${roundSize(size)}${unit}`;
  }
  return `${sign}${roundSize(size / 1024)}TiB`;
}

/** `2020-08-15T17:23:06`: UTC, to the second, without a zone (as the app parses it). */
export const localDateTime = (iso: string): string => iso.slice(0, 19);

export const RECEIVED = 'Áudio recebido com sucesso!';
export const ACCESS_REQUESTED =
  'A administração do PenhaS vai avaliar seu pedido. Retorne a esta seção em 48h. Caso não haja mudança no status, envie um e-mail para contato@penhas.com.br';

/** The list's message: how many recordings she has kept (hidden ones included). */
export function listMessage(total: number): string {
  if (total === 0) return 'Você ainda não tem nenhum áudio gravado.';
  return `${total === 1 ? 'Você tem 1 áudio gravado.' : `Você tem ${total} áudios gravados.`} Gravações com mais de 30 dias não ficam mais visíveis para você, mas permanecem armazenadas em nossos servidores por até cinco anos. Caso queira os arquivos, solicite através do e-mail penhas@azmina.com.br.`;
}
