using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using LinkMatch.Api.PersonalData;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Employers;

/// <summary>Registering and updating an employer: staff of any office and admins. The workforce is dated: the day
/// given, else today when the number changes (the stored day when it does not); ownership left out is private on
/// registration and stays as registered on an update.</summary>
public static class SaveEmployer
{
    public static async Task<Results<Created<Employer>, ValidationProblem>> Create(EmployerRequest request,
        Caller caller, NpgsqlDataSource db, TimeProvider time, CancellationToken ct)
    {
        var today = Wita.Today(time);
        if (Check(request, today) is { } problem)
        {
            return problem;
        }

        var values = Canonical(request);

        const string sql = $"""
            insert into employers (name, kbli_code, address, region_code, contact_name, contact_email, contact_phone,
                                   workforce, workforce_as_of, ownership)
            values (@Name, @KbliCode, @Address, @RegionCode, @ContactName, @ContactEmail, @ContactPhone, @Workforce,
                    case when @Workforce::int is not null then coalesce(@WorkforceAsOf, @Today) end,
                    coalesce(@Ownership, 'private'))
            returning {EmployersApi.Columns}
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            var employer = await conn.QuerySingleAsync<Employer>(new CommandDefinition(sql,
                Parameters(values, null, today), tx, cancellationToken: ct));
            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("employer.create", "employer", employer.Id), ct);
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/v1/employers/{employer.Id}", employer);
        }
        catch (PostgresException e) when (e.IsForeignKeyViolation())
        {
            return UnknownReference(e);
        }
    }

    public static async Task<Results<Ok<Employer>, NotFound, ValidationProblem>> Update(long id,
        EmployerRequest request, Caller caller, NpgsqlDataSource db, TimeProvider time, CancellationToken ct)
    {
        var today = Wita.Today(time);
        if (Check(request, today) is { } problem)
        {
            return problem;
        }

        var values = Canonical(request);

        const string sql = $"""
            update employers set name = @Name, kbli_code = @KbliCode, address = @Address, region_code = @RegionCode,
                contact_name = @ContactName, contact_email = @ContactEmail, contact_phone = @ContactPhone,
                workforce = @Workforce,
                workforce_as_of = case when @Workforce::int is null then null
                                       when @WorkforceAsOf::date is not null then @WorkforceAsOf
                                       when workforce is not distinct from @Workforce then workforce_as_of
                                       else @Today end,
                ownership = coalesce(@Ownership, ownership)
            where id = @Id
            returning {EmployersApi.Columns}
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            var employer = await conn.QuerySingleOrDefaultAsync<Employer>(new CommandDefinition(sql,
                Parameters(values, id, today), tx, cancellationToken: ct));
            if (employer is null)
            {
                return TypedResults.NotFound();
            }

            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("employer.update", "employer", id), ct);
            await tx.CommitAsync(ct);
            return TypedResults.Ok(employer);
        }
        catch (PostgresException e) when (e.IsForeignKeyViolation())
        {
            return UnknownReference(e);
        }
    }

    private static ValidationProblem? Check(EmployerRequest request, DateOnly today)
    {
        var errors = new FieldErrors()
            .AddIf(request.WorkforceAsOf is not null && request.Workforce is null, "workforceAsOf",
                "A workforce date needs the workforce it dates.")
            .AddIf(request.WorkforceAsOf > today, "workforceAsOf", "The workforce cannot be stated on a later day.")
            .AddIf(request.WorkforceAsOf < new DateOnly(1945, 8, 17), "workforceAsOf", "Not a plausible day.")
            .AddIf(request.ContactEmail is not null && Contact.NormalizeEmail(request.ContactEmail) is null,
                "contactEmail", "Not a valid e-mail address.")
            .AddIf(request.ContactPhone is not null && Contact.NormalizePhone(request.ContactPhone) is null,
                "contactPhone", "Not a valid phone number; use 08… or +62….");
        return errors.Any ? errors.ToProblem() : null;
    }

    /// <summary>Contact details in canonical form: +62… phone numbers, lower-case e-mail.</summary>
    private static EmployerRequest Canonical(EmployerRequest request) => request with
    {
        Name = request.Name.Trim(),
        ContactName = string.IsNullOrWhiteSpace(request.ContactName) ? null : request.ContactName.Trim(),
        ContactEmail = Contact.NormalizeEmail(request.ContactEmail),
        ContactPhone = Contact.NormalizePhone(request.ContactPhone),
    };

    private static object Parameters(EmployerRequest r, long? id, DateOnly today) => new
    {
        Id = id,
        Today = today,
        r.WorkforceAsOf,
        r.Ownership,
        r.Name,
        r.KbliCode,
        r.Address,
        r.RegionCode,
        r.ContactName,
        r.ContactEmail,
        r.ContactPhone,
        r.Workforce,
        ShowContacts = true,
    };

    private static ValidationProblem UnknownReference(PostgresException e) =>
        e.ConstraintName == "employers_kbli_code_fkey"
            ? Problems.Field("kbliCode", "Unknown KBLI code.")
            : Problems.Field("regionCode", "Unknown region code.");
}
