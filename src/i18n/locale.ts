/** The languages fenjie writes its messages in: English and (Simplified) Chinese. */
export const LOCALES = ['en', 'zh'] as const;

/** One of {@link LOCALES}. */
export type Locale = (typeof LOCALES)[number];

/** True when a string names one of the {@link LOCALES}. */
export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/**
 * The language the environment asks for, as POSIX orders it: LC_ALL, then LC_MESSAGES, then LANG;
 * a locale that starts with `zh` (zh_CN.UTF-8, zh_TW, zh-Hans) gives Chinese, anything else English.
 */
export function localeFromEnv(env: Readonly<Record<string, string | undefined>>): Locale {
  const value = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '') ?? '';
  return /^zh([_.@-]|$)/i.test(value) ? 'zh' : 'en';
}
