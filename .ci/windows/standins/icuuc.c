/*
 * A stand-in for Windows' own icuuc.dll (ICU, part of Windows 10 1703 and later), which Wine 8.0
 * does not have. Qt 6's Qt6Core.dll imports the ucnv_* functions below for QStringConverter's
 * codecs beyond UTF-8/UTF-16/Latin-1; without the DLL Qt does not load at all.
 *
 * Used ONLY to run the tests and the bundle under Wine in CI (.ci/windows/run), placed in Wine's
 * system32, so PyInstaller never collects it: a real Windows PC uses its own ICU. It knows no
 * converter: ucnv_open fails with U_FILE_ACCESS_ERROR, as ICU does for an unknown name, and Qt
 * then reports the codec as unavailable. SPO Counter uses UTF-8 only.
 *
 * Built by .ci/windows/run with Debian's mingw-w64:
 *   x86_64-w64-mingw32-gcc -shared -O2 -o icuuc.dll icuuc.c
 */
#include <stddef.h>
#include <stdint.h>

typedef int UErrorCode;
typedef uint16_t UChar;
typedef int8_t UBool;
typedef struct UConverter UConverter;
typedef void (*UConverterCallback)(void);

#define EXPORT __declspec(dllexport)
#define U_FILE_ACCESS_ERROR 4
#define U_UNSUPPORTED_ERROR 16

static void fail(UErrorCode *err, UErrorCode code)
{
    if (err != NULL && *err <= 0) {
        *err = code;
    }
}

EXPORT UConverter *ucnv_open(const char *name, UErrorCode *err)
{
    (void)name;
    fail(err, U_FILE_ACCESS_ERROR);
    return NULL;
}

EXPORT void ucnv_close(UConverter *converter) { (void)converter; }
EXPORT void ucnv_reset(UConverter *converter) { (void)converter; }

EXPORT int8_t ucnv_getMaxCharSize(const UConverter *converter)
{
    (void)converter;
    return 1;
}

EXPORT const char *ucnv_getName(const UConverter *converter, UErrorCode *err)
{
    (void)converter;
    fail(err, U_UNSUPPORTED_ERROR);
    return NULL;
}

EXPORT int32_t ucnv_countAvailable(void) { return 0; }

EXPORT const char *ucnv_getAvailableName(int32_t n)
{
    (void)n;
    return NULL;
}

EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{
    (void)name;
    (void)standard;
    fail(err, U_UNSUPPORTED_ERROR);
    return NULL;
}

/* The callbacks are passed around by address only: never called, as no converter exists. */
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}

EXPORT void ucnv_getToUCallBack(const UConverter *c, UConverterCallback *action, const void **ctx)
{
    (void)c;
    if (action != NULL) *action = NULL;
    if (ctx != NULL) *ctx = NULL;
}

EXPORT void ucnv_getFromUCallBack(const UConverter *c, UConverterCallback *action, const void **ctx)
{
    (void)c;
    if (action != NULL) *action = NULL;
    if (ctx != NULL) *ctx = NULL;
}

EXPORT void ucnv_setToUCallBack(UConverter *c, UConverterCallback n, const void *nctx,
                                UConverterCallback *o, const void **octx, UErrorCode *err)
{
    (void)c; (void)n; (void)nctx; (void)o; (void)octx;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT void ucnv_setFromUCallBack(UConverter *c, UConverterCallback n, const void *nctx,
                                  UConverterCallback *o, const void **octx, UErrorCode *err)
{
    (void)c; (void)n; (void)nctx; (void)o; (void)octx;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT void ucnv_cbToUWriteUChars(void *args, const UChar *source, int32_t length, int32_t offset,
                                  UErrorCode *err)
{
    (void)args; (void)source; (void)length; (void)offset;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT void ucnv_cbFromUWriteUChars(void *args, const UChar **source, const UChar *limit,
                                    int32_t offset, UErrorCode *err)
{
    (void)args; (void)source; (void)limit; (void)offset;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT void ucnv_toUnicode(UConverter *c, UChar **target, const UChar *targetLimit,
                           const char **source, const char *sourceLimit, int32_t *offsets,
                           UBool flush, UErrorCode *err)
{
    (void)c; (void)target; (void)targetLimit; (void)source; (void)sourceLimit; (void)offsets;
    (void)flush;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT void ucnv_fromUnicode(UConverter *c, char **target, const char *targetLimit,
                             const UChar **source, const UChar *sourceLimit, int32_t *offsets,
                             UBool flush, UErrorCode *err)
{
    (void)c; (void)target; (void)targetLimit; (void)source; (void)sourceLimit; (void)offsets;
    (void)flush;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT int32_t ucnv_toUCountPending(const UConverter *c, UErrorCode *err)
{
    (void)c;
    fail(err, U_UNSUPPORTED_ERROR);
    return 0;
}

EXPORT int32_t ucnv_fromUCountPending(const UConverter *c, UErrorCode *err)
{
    (void)c;
    fail(err, U_UNSUPPORTED_ERROR);
    return 0;
}
