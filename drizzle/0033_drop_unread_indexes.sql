DROP INDEX `users_email_idx`;--> statement-breakpoint
DROP INDEX `earnings_instructor_idx`;--> statement-breakpoint
DROP INDEX `stripe_events_object_idx`;--> statement-breakpoint
DROP INDEX `stripe_events_state_idx`;--> statement-breakpoint
DROP INDEX `stripe_observations_object_idx`;