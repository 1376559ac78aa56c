//go:build !unix

package safefile

// noFollow is 0 where open has no such flag; O_EXCL alone already refuses
// a name taken by a link there.
const noFollow = 0
