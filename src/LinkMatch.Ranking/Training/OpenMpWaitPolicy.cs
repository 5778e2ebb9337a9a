using System.Runtime.InteropServices;

namespace LinkMatch.Ranking;

/// <summary>
/// LightGBM's threads are OpenMP (libgomp) threads, which by default spin at every barrier before they sleep. On a
/// machine whose cores also do other work (the service's requests, other processes), a spinning thread takes the
/// core from the very thread it waits for: at load average 15 on two cores, a training on rank.train that takes
/// 0.8 s took 2–23 s spinning and 0.8–2 s with waiting threads asleep. libgomp reads <c>OMP_WAIT_POLICY</c> once,
/// when LightGBM's native library is loaded, so it is set to <c>passive</c> in the process environment before the
/// first training; a value already there is kept. The trees do not depend on it.
/// </summary>
internal static partial class OpenMpWaitPolicy
{
    private const string Variable = "OMP_WAIT_POLICY";
    private static int _applied;

    public static void Apply()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1 || OperatingSystem.IsWindows())
        {
            return;
        }

        // .NET keeps its own copy of the environment on Unix; libgomp reads the C library's.
        _ = SetEnvironment(Variable, "passive", overwrite: 0);
    }

    /// <summary>What the C library's environment says, as libgomp will read it (null when unset).</summary>
    public static string? Current() => OperatingSystem.IsWindows() ? Environment.GetEnvironmentVariable(Variable)
        : Marshal.PtrToStringUTF8(GetEnvironment(Variable));

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetEnvironment(string name);
}
