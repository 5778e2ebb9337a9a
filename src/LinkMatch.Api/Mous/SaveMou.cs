using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using LinkMatch.Api.Reports.MouScorecard;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Mous;

/// <summary>Recording, amending and terminating MoUs (admins only).</summary>
public static class SaveMou
{
    public static async Task<Results<Created<Mou>, ValidationProblem, ProblemHttpResult>> Create(
        CreateMouRequest request, Caller caller, NpgsqlDataSource db, MouScorecardRefresh refresh, CancellationToken ct)
    {
        var errors = CheckTerms(request.Scopes, request.SignedOn, request.ValidUntil)
            .AddIf(new object?[] { request.EmployerId, request.TrainingCentreId, request.PartnerName }.Count(p => p is not null) != 1,
                "employerId", "An MoU has one counterparty: an employer (employerId), a training centre " +
                "(trainingCentreId), or a university or government body (partnerKind and partnerName).")
            .AddIf(request.PartnerName is null != request.PartnerKind is null,
                request.PartnerKind is null ? "partnerKind" : "partnerName",
                "A university or government partner needs both partnerKind and partnerName.");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
                insert into mous (number, office_id, employer_id, training_centre_id, partner_kind, partner_name, scopes,
                                  signed_on, valid_until)
                values (@Number, @OfficeId, @EmployerId, @TrainingCentreId, @PartnerKind, @PartnerName, @Scopes,
                        @SignedOn, @ValidUntil)
                returning id
                """, request with
            {
                Number = request.Number.Trim(),
                Scopes = Canonical(request.Scopes),
                PartnerName = request.PartnerName?.Trim(),
            }, tx,
                cancellationToken: ct));
            var mou = (await MouQueries.FindAsync(conn, tx, id, caller, ct))!;
            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("mou.create", "mou", id,
                Details: new { mou.OfficeId, mou.EmployerId, mou.TrainingCentreId, mou.PartnerKind, mou.Scopes }), ct);
            await refresh.EnqueueAsync(conn, tx, mou.OfficeId, ct);
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/v1/mous/{id}", mou);
        }
        catch (PostgresException e) when (e.IsUniqueViolation("mous_number_key"))
        {
            return Problems.Conflict($"An MoU numbered '{request.Number}' already exists.");
        }
        catch (PostgresException e) when (e.IsForeignKeyViolation())
        {
            return e.ConstraintName switch
            {
                "mous_office_id_fkey" => Problems.Field("officeId", "Unknown office."),
                "mous_employer_id_fkey" => Problems.Field("employerId", "Unknown employer."),
                _ => Problems.Field("trainingCentreId", "Unknown training centre."),
            };
        }
    }

    /// <summary>Amends the number, scopes or dates. A terminated MoU is a closed record: 409.</summary>
    public static async Task<Results<Ok<Mou>, NotFound, ValidationProblem, ProblemHttpResult>> Update(long id,
        UpdateMouRequest request, Caller caller, NpgsqlDataSource db, MouScorecardRefresh refresh, CancellationToken ct)
    {
        var errors = CheckTerms(request.Scopes, request.SignedOn, request.ValidUntil);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var current = await LockAsync(conn, tx, id, ct);
        if (current is null)
        {
            return TypedResults.NotFound();
        }

        if (current.TerminatedOn is not null)
        {
            return Problems.Conflict("The MoU has been terminated; record a new MoU instead.");
        }

        try
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                update mous set number = @Number, scopes = @Scopes, signed_on = @SignedOn, valid_until = @ValidUntil
                where id = @id
                """, new
            {
                id,
                Number = request.Number.Trim(),
                Scopes = Canonical(request.Scopes),
                request.SignedOn,
                request.ValidUntil,
            }, tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.IsUniqueViolation("mous_number_key"))
        {
            return Problems.Conflict($"An MoU numbered '{request.Number}' already exists.");
        }

        var mou = (await MouQueries.FindAsync(conn, tx, id, caller, ct))!;
        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("mou.update", "mou", id,
            Details: new { mou.Scopes, mou.SignedOn, mou.ValidUntil }), ct);
        await refresh.EnqueueAsync(conn, tx, mou.OfficeId, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(mou);
    }

    /// <summary>Ends the MoU with a reason. Vacancies it covers stay as they are; no new ones can be posted under it
    /// from the termination date.</summary>
    public static async Task<Results<Ok<Mou>, NotFound, ValidationProblem, ProblemHttpResult>> Terminate(long id,
        TerminateMouRequest request, Caller caller, NpgsqlDataSource db, TimeProvider time,
        MouScorecardRefresh refresh, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var current = await LockAsync(conn, tx, id, ct);
        if (current is null)
        {
            return TypedResults.NotFound();
        }

        if (current.TerminatedOn is not null)
        {
            return Problems.Conflict("The MoU has already been terminated.");
        }

        if (request.TerminatedOn is { } on && on < current.SignedOn)
        {
            return Problems.Field("terminatedOn", "An MoU cannot end before it was signed.");
        }

        try
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                update mous set terminated_on = @TerminatedOn, termination_reason = @Reason
                where id = @id
                """, new { id, TerminatedOn = request.TerminatedOn ?? Http.Wita.Today(time), Reason = request.Reason.Trim() }, tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.IsCheckViolation())
        {
            return Problems.Field("terminatedOn", "An MoU cannot end before it was signed.");
        }

        var mou = (await MouQueries.FindAsync(conn, tx, id, caller, ct))!;
        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("mou.terminate", "mou", id,
            Details: new { mou.TerminatedOn }), ct);
        await refresh.EnqueueAsync(conn, tx, mou.OfficeId, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(mou);
    }

    private static FieldErrors CheckTerms(string[] scopes, DateOnly signedOn, DateOnly validUntil) => new FieldErrors()
        .AddIf(scopes.Distinct(StringComparer.Ordinal).Count() != scopes.Length, "scopes", "List each scope once.")
        .AddIf(validUntil < signedOn, "validUntil", "An MoU cannot expire before it is signed.");

    private static string[] Canonical(string[] scopes) => [.. scopes.Order(StringComparer.Ordinal)];

    private sealed record MouDates(DateOnly SignedOn, DateOnly? TerminatedOn);

    /// <summary>Locks the MoU row against concurrent changes and vacancy postings; null when it does not
    /// exist.</summary>
    private static Task<MouDates?> LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id,
        CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<MouDates?>(new CommandDefinition(
            "select signed_on, terminated_on from mous where id = @id for update", new { id }, tx,
            cancellationToken: ct));
}
