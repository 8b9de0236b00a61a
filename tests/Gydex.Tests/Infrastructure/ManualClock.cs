namespace Gydex.Tests.Infrastructure;

/// <summary>A clock the test moves forward; everything in the app that reads TimeProvider sees it.</summary>
public sealed class ManualClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}
