/*
 * A stand-in for bcryptprimitives.dll's ProcessPrng, which Wine 8.0 lacks (Wine 9 has it). Rust's
 * standard library (pydantic-core, cryptography) takes its random numbers from it since Rust 1.78,
 * and the extension fails to load without it.
 *
 * Used ONLY under Wine in CI (.ci/windows/run), placed in Wine's system32 and preferred to Wine's
 * own with WINEDLLOVERRIDES=bcryptprimitives=n,b; a real Windows 10/11 has the real one. It asks
 * Wine's bcrypt.dll for the system's random numbers, as the real ProcessPrng does.
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c -lbcrypt
 */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size > 0) {
        ULONG chunk = size > 0x10000000 ? 0x10000000 : (ULONG)size;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG))) {
            /* The real one never fails; a test run that cannot get random numbers must stop. */
            ExitProcess(0xC0000001);
        }
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
