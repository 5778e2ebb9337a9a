using System.Runtime.InteropServices;

namespace LinkMatch.Api.Tests.Infrastructure;

/// <summary>POSIX signals for the service processes tests start: SIGTERM asks, SIGKILL (Process.Kill) forces,
/// SIGSTOP/SIGCONT freeze and thaw.</summary>
public static partial class Signals
{
    public const int SigTerm = 15;
    public const int SigStop = 19;
    public const int SigCont = 18;

    public static int Terminate(int pid) => Kill(pid, SigTerm);

    public static int Send(int pid, int signal) => Kill(pid, signal);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
