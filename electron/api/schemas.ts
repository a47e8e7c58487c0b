import { z } from 'zod';

// Shared field schemas with Russian messages. Dates cross the API as ISO 'YYYY-MM-DD'.
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Дата должна быть в формате ДД.ММ.ГГГГ')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, 'Такой даты не существует');
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Время должно быть в формате ЧЧ:ММ');
export const id = z.string().min(1, 'Не указан идентификатор');
export const optionalId = id.nullable().optional();
export const required = (label: string) => z.string().trim().min(1, `Поле «${label}» не заполнено`);
export const optionalText = z
  .string()
  .trim()
  .nullable()
  .optional()
  .transform((v) => (v ? v : null));
export const grade = z.number().int().min(1, 'Параллель — от 1 до 11').max(11, 'Параллель — от 1 до 11');
export const shift = z.number().int().min(1).max(3);
export const gradeEditWindow = z.enum(['never', '1w', '2w', '3w', '1m']);
export const grading = z.enum(['five_point', 'pass_fail', 'none']);
export const gender = z.enum(['m', 'f']).nullable();
export const staffRole = z.enum(['director', 'deputy', 'sysadmin', 'secretary', 'teacher']);
export const base64 = z.string().max(80_000_000, 'Файл слишком большой (более 60 МБ)');
export const appRole = z.enum(['sysadmin', 'secretary', 'deputy', 'director']);
export const login = z
  .string()
  .trim()
  .min(3, 'Логин — не менее 3 символов')
  .max(40, 'Логин — не более 40 символов')
  .regex(/^[A-Za-z0-9._-]+$/, 'Логин — латинские буквы, цифры, точка, дефис и подчёркивание');
export const parts = z.number().int().min(2, 'Подгрупп — от 2 до 10').max(10, 'Подгрупп — от 2 до 10');
export const ruleSplitBy = z.enum(['balanced', 'alphabet', 'gender']);
export const splitBy = z.enum(['balanced', 'alphabet', 'gender', 'copy']);
export const studyGroupKind = z.enum(['elective', 'profile', 'remedial', 'other']);
export const weeklyHours = z
  .number()
  .positive('Часов в неделю должно быть больше нуля')
  .max(40, 'Часов в неделю — не более 40')
  .refine((v) => Number.isInteger(v * 2), 'Часы указываются целыми или с половиной (0,5)');
